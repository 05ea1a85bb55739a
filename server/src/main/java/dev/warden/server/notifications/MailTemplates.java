package dev.warden.server.notifications;

import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mails' words: a text template per notice ({@code resources/mail/*.txt}) and one HTML page that
 * carries the text, the link and why the mail was sent ({@code mail/message.html}).
 */
final class MailTemplates {
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        // SpringTemplateEngine: expressions in SpEL, as on the pages (plain Thymeleaf would need OGNL).
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** A rendered mail: its text and its HTML. */
    record Mail(String text, String html) {}

    Mail render(String template, Map<String, Object> values, String subject, String link, String why) {
        Context context = new Context();
        context.setVariables(values);
        String body = text.process(template, context).strip().replaceAll("\n{3,}", "\n\n");
        String full = body + "\n\nOpen it in Warden: " + link + "\n\n-- \n" + why + "\n";
        Context page = new Context();
        page.setVariable("subject", subject);
        page.setVariable("text", body);
        page.setVariable("link", link);
        page.setVariable("linkText", "Open it in Warden");
        page.setVariable("why", why);
        return new Mail(full, html.process("message", page));
    }
}
