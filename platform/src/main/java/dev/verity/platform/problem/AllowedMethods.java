package dev.verity.platform.problem;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods a path has, for the {@code Allow} header a 405 must carry (RFC 9110 §15.5.6). Quarkus REST computes
 * them for OPTIONS but throws its 405 with a bare response, so they are read here from the resources' JAX-RS
 * annotations, once, on the first 405.
 */
@Singleton
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private final BeanManager beans;
    private volatile List<Route> routes;

    AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods {@code path} answers, with HEAD beside GET and OPTIONS always; empty when no resource matches. */
    public Set<String> on(String path) {
        List<Route> known = routes;
        if (known == null) {
            List<Class<?>> resources = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                    resources.add(bean.getBeanClass());
                }
            }
            known = routes = routes(resources);
        }
        return matching(known, path);
    }

    /** For plain tests: the same answer from a fixed set of resource classes. */
    static Set<String> on(Collection<Class<?>> resources, String path) {
        return matching(routes(resources), path);
    }

    private static Set<String> matching(List<Route> routes, String path) {
        String normalised = normalise(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(normalised).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return methods;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return methods;
    }

    private static List<Route> routes(Collection<Class<?>> resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue; // a sub-resource locator or no resource method at all
                }
                Path sub = method.getAnnotation(Path.class);
                routes.add(new Route(pattern(base + "/" + (sub == null ? "" : sub.value())), verb));
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code /cards/{id}} and {@code /files/{name: .+}} as regular expressions. */
    static Pattern pattern(String template) {
        String path = normalise(template);
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(path.substring(i)));
                break;
            }
            regex.append(Pattern.quote(path.substring(i, open)));
            int depth = 0;
            int close = open;
            for (; close < path.length(); close++) {
                char c = path.charAt(close);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            String variable = path.substring(open + 1, Math.min(close, path.length()));
            int colon = variable.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).strip() + ")");
            i = close + 1;
        }
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String path) {
        String collapsed = ("/" + path).replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    /** The header value: "GET, HEAD, OPTIONS". */
    public static String header(Set<String> methods) {
        return String.join(", ", new LinkedHashSet<>(methods));
    }
}
