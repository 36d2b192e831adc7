package dev.verity.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Names the field an error is about the way a client wrote it: {@code title}, {@code tags[2]}, {@code q}. */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * Bean Validation paths look like {@code create.request.title} (method, parameter, property): a client knows
     * neither our method nor our parameter names, only the body's properties or the query parameter.
     */
    static String of(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                // container elements: tags[2].<list element>
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(node.getName());
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
        }
        if (path.isEmpty()) {
            return parameter == null ? "" : parameter;
        }
        return path.toString();
    }

    /** Jackson's path from the document root to the value it could not bind. */
    static String of(List<JsonMappingException.Reference> references) {
        return references.stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
