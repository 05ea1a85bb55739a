package dev.warden.server.identity;

import dev.warden.server.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the permission check in front of every handler, lets handlers take the {@link Actor}, and adds
 * the notice of failed sign-ins to the first page after one.
 */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {
    private final ActorResolver actors;

    IdentityWebConfiguration(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(actors));
        registry.addInterceptor(new SignInNotice());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Actor.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    @Nullable ModelAndViewContainer mav,
                    NativeWebRequest request,
                    @Nullable WebDataBinderFactory binders) {
                HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
                if (http == null) {
                    throw new IllegalStateException("not a servlet request");
                }
                return actors.current(http)
                        .map(Identity::actor)
                        .orElseThrow(() -> new InsufficientAuthenticationException("sign in first"));
            }
        });
    }
}
