package dev.verity.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldPathsTest {

    record Body(@NotBlank String title, List<@Size(max = 3) String> tags) {
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    @Test
    void propertyViolationIsNamedByItsProperty() {
        Set<ConstraintViolation<Body>> violations = validator.validate(new Body(" ", List.of()));
        assertEquals("title", FieldPaths.of(violations.iterator().next()));
    }

    @Test
    void containerElementViolationCarriesItsIndex() {
        Set<ConstraintViolation<Body>> violations = validator.validate(new Body("ok", List.of("a", "toolong")));
        assertEquals("tags[1]", FieldPaths.of(violations.iterator().next()));
    }
}
