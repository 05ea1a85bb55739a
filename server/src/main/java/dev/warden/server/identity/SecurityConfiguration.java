package dev.warden.server.identity;

import dev.warden.server.api.ProblemType;
import dev.warden.server.api.ProblemWriter;
import dev.warden.server.shared.Permission;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How requests are authenticated: people sign in with a form (session cookie, CSRF tokens) or an
 * optional OpenID Connect provider; API clients send bearer tokens from {@code /oauth2/token}.
 * Which actor may call which handler is decided by {@link PermissionInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'"
            + " 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " form-action 'self'";

    private static final String[] PUBLIC = {
        "/login",
        "/error",
        "/oauth2/token",
        "/css/**",
        "/js/**",
        "/img/**",
        "/webjars/**",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**",
        "/api/openapi.json",
        // Jira's webhooks: no Warden credential, an HMAC signature with the connection's secret instead.
        "/api/v1/integrations/jira/webhook",
        // Bugcrowd's webhook: no Warden credential; the address's secret part, and its content only a hint.
        "/api/v1/integrations/bugcrowd/webhook/*",
        // The public transparency page: 404 until the operator publishes it.
        "/transparency",
        "/transparency/feed.atom",
        "/api/openapi.json/**",
        "/api/docs",
        "/api/docs/**",
        "/api/swagger-ui/**"
    };

    /** Argon2id for new passwords; bcrypt hashes still verify. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                "argon2",
                Map.of(
                        "argon2",
                        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }

    /** The strict firewall, with its character rule checked quickly for ASCII ({@link AsciiFirstFirewall}). */
    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(AsciiFirstFirewall.firewall());
    }

    @Bean
    JwtDecoder jwtDecoder(AccessTokens tokens) {
        return tokens.decoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserRows rows) {
        return username -> {
            String name = Users.normal(username);
            User user = rows.find(name).orElseThrow(() -> new UsernameNotFoundException("no such user"));
            String hash = rows.passwordHash(name).orElse("");
            return org.springframework.security.core.userdetails.User.withUsername(user.username())
                    .password(hash.isEmpty() ? "{noop}" + java.util.UUID.randomUUID() : hash)
                    .disabled(!user.enabled())
                    .authorities("ROLE_USER")
                    .build();
        };
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            SecuritySettings settings,
            SignInHandlers signIn,
            ClientAddress addresses,
            SignInGuard guard,
            ObjectProvider<ClientRegistrationRepository> oidc,
            ObjectProvider<OidcSignIn> oidcUsers,
            ActorResolver actors)
            throws Exception {
        // Machines' paths: refused with a problem document, never sent to the sign-in page.
        RequestMatcher api = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));
        RequestMatcher bearer = request -> {
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
        AuthenticationEntryPoint problem401 = (request, response, e) -> ProblemWriter.write(
                request,
                response,
                ProblemType.UNAUTHORIZED,
                "Sign in, or send a valid bearer token from /oauth2/token");
        AccessDeniedHandler problem403 = (request, response, e) ->
                ProblemWriter.write(request, response, ProblemType.FORBIDDEN, "Refused: " + e.getMessage());

        // The metrics endpoint is not a handler method the permission check sees: it is ruled here.
        AuthorizationManager<RequestAuthorizationContext> metricsReaders =
                (authentication, context) -> new AuthorizationDecision(actors.resolve(authentication.get())
                        .map(i -> i.actor().can(Permission.METRICS_READ))
                        .orElse(false));
        http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .access(metricsReaders)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults())
                        .bearerTokenResolver(new QuickBearerTokens())
                        .authenticationEntryPoint(problem401))
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(signIn)
                        .failureHandler(signIn)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .permitAll())
                .csrf(c -> c.ignoringRequestMatchers(
                        bearer,
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/token"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/v1/integrations/jira/webhook"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/v1/integrations/bugcrowd/webhook/*")))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(problem401, api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(problem403, api))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(
                        new SignInThrottle(settings, addresses, guard), UsernamePasswordAuthenticationFilter.class);
        if (oidc.getIfAvailable() != null) {
            OidcSignIn users = oidcUsers.getObject();
            http.oauth2Login(o -> o.loginPage("/login")
                    .userInfoEndpoint(u -> u.oidcUserService(users))
                    .successHandler(signIn)
                    .failureHandler(signIn));
        }
        return http.build();
    }
}
