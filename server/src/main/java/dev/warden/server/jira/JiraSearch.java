package dev.warden.server.jira;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues found by JQL, page by page. Jira Cloud's current search is {@code POST /rest/api/3/search/jql}
 * (pages by {@code nextPageToken}); a site that does not have it (404) is asked the older
 * {@code POST /rest/api/3/search} (pages by {@code startAt}), and remembered as such.
 */
@Component
class JiraSearch {
    private static final int PAGE = 100;
    private volatile boolean legacy;

    List<JsonNode> issues(JiraClient client, String jql, List<String> fields, int limit) throws JiraException {
        if (!legacy) {
            try {
                return enhanced(client, jql, fields, limit);
            } catch (JiraException e) {
                if (e.status != 404 && e.status != 405) {
                    throw e;
                }
                legacy = true;
            }
        }
        return older(client, jql, fields, limit);
    }

    private static List<JsonNode> enhanced(JiraClient client, String jql, List<String> fields, int limit)
            throws JiraException {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = body(jql, fields, Math.min(PAGE, limit - out.size()));
            if (token != null) {
                body.put("nextPageToken", token);
            }
            JsonNode page = client.post("/rest/api/3/search/jql", body);
            page.path("issues").forEach(out::add);
            token = page.path("isLast").asBoolean(true)
                    ? null
                    : page.path("nextPageToken").asString(null);
        } while (token != null && out.size() < limit);
        return out;
    }

    private static List<JsonNode> older(JiraClient client, String jql, List<String> fields, int limit)
            throws JiraException {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < limit) {
            ObjectNode body = body(jql, fields, Math.min(PAGE, limit - out.size()));
            body.put("startAt", out.size());
            JsonNode page = client.post("/rest/api/3/search", body);
            int before = out.size();
            page.path("issues").forEach(out::add);
            if (out.size() == before || out.size() >= page.path("total").asInt(0)) {
                break;
            }
        }
        return out;
    }

    private static ObjectNode body(String jql, List<String> fields, int max) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("jql", jql);
        body.put("maxResults", max);
        var f = body.putArray("fields");
        fields.forEach(f::add);
        return body;
    }
}
