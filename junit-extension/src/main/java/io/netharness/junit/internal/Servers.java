package io.netharness.junit.internal;

import io.netharness.junit.InProcessServer;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Finds the in-process servers a link may target: those already started in a visible scope, and those
 * declared as parameters of the same method, which are started on demand.
 */
final class Servers implements TargetResolver.ServerProvider {

    private final Optional<Parameter[]> siblingParameters;
    private final ServerStarter starter;

    Servers(Optional<Parameter[]> siblingParameters, ServerStarter starter) {
        this.siblingParameters = siblingParameters;
        this.starter = starter;
    }

    @Override
    public Optional<ManagedServer> find(String name, LinkSpec forLink, ExtensionContext context) {
        for (Registry registry : Scopes.visibleRegistries(context)) {
            Optional<ManagedServer> server = registry.server(name);
            if (server.isPresent()) {
                return server;
            }
        }
        for (Parameter parameter : siblingParameters.orElse(new Parameter[0])) {
            Member member = Member.of(parameter);
            if (AnnotationSupport.isAnnotated(parameter, InProcessServer.class) && serverName(member).equals(name)) {
                return Optional.of(starter.start(member, context));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> names(ExtensionContext context, LinkSpec forLink) {
        List<String> names = new ArrayList<>();
        for (Registry registry : Scopes.visibleRegistries(context)) {
            names.addAll(registry.serverNames());
        }
        for (Parameter parameter : siblingParameters.orElse(new Parameter[0])) {
            if (AnnotationSupport.isAnnotated(parameter, InProcessServer.class)) {
                names.add(serverName(Member.of(parameter)));
            }
        }
        context.getTestClass().ifPresent(testClass -> {
            for (Field field : AnnotationSupport.findAnnotatedFields(testClass, InProcessServer.class,
                    field -> true, HierarchyTraversalMode.TOP_DOWN)) {
                String name = serverName(Member.of(field));
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        });
        return names;
    }

    /** The name links use: {@link InProcessServer#name()}, else the field or parameter name. */
    static String serverName(Member member) {
        String name = AnnotationSupport.findAnnotation(member.element(), InProcessServer.class)
                .map(InProcessServer::name).orElse("");
        return name.isBlank() ? member.name() : name;
    }

    /** Starts and registers the server a member declares. */
    interface ServerStarter {
        ManagedServer start(Member member, ExtensionContext owner);
    }
}
