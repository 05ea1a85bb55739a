package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI description names each body's schema after its class; two classes with one name would share
 * one schema, and one of the operations would describe the other's body. Every class a REST controller
 * reads or writes, and every class inside those, has a name of its own.
 */
class SchemaNamesTest {

    @Test
    void everyBodyTypeOfTheApiHasASchemaNameOfItsOwn() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Deque<Type> todo = new ArrayDeque<>();
        for (BeanDefinition bean : scanner.findCandidateComponents("dev.warden.server")) {
            for (Method method : Class.forName(bean.getBeanClassName()).getDeclaredMethods()) {
                todo.add(method.getGenericReturnType());
                for (var parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)
                            || parameter.isAnnotationPresent(CheckedBody.class)) {
                        todo.add(parameter.getParameterizedType());
                    }
                }
            }
        }
        Map<String, Set<String>> classesByName = new TreeMap<>();
        Set<Type> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (type instanceof ParameterizedType p) {
                todo.addAll(java.util.List.of(p.getActualTypeArguments()));
                todo.add(p.getRawType());
                continue;
            }
            // Enums are written inline where they are used, never as schemas of their own.
            if (!(type instanceof Class<?> c) || !c.getName().startsWith("dev.warden.") || c.isEnum()) {
                continue;
            }
            classesByName
                    .computeIfAbsent(SchemaNames.of(c), k -> new TreeSet<>())
                    .add(c.getName());
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    todo.add(component.getGenericType());
                }
            }
        }
        classesByName.values().removeIf(classes -> classes.size() == 1);
        assertThat(classesByName).as("schema names shared by different classes").isEmpty();
    }
}
