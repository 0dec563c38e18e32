package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** The feeds are well-formed Atom and RSS with one escaped entry per public update; the JSON has its shape. */
class StatusPageFeedsTest extends StatusPageSupport {

    @Test
    void atomAndRssCarryOneEntryPerUpdateWithTextEscaped() throws Exception {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long cdn = component("CDN " + tag, List.of());
        long incident = declare(ada.api(), "Feeds " + tag, "default", List.of());
        String tricky = "Images fail <img src=x onerror=alert(1)> & \"quotes\" " + tag;
        long statusIncident = publish(
                        ada.api(),
                        incident,
                        "Images broken " + tag,
                        tricky,
                        "investigating",
                        Map.of(cdn, "major_outage"))
                .json()
                .get("id")
                .asLong();
        post(ada.api(), statusIncident, "Cache purged " + tag, "monitoring", null);

        Document atom = parse(publicBody("/status/feed.atom"));
        Element feed = atom.getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(text(feed, "id")).isNotEmpty();
        assertThat(text(feed, "updated")).isNotEmpty();
        List<String> titles = texts(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title"));
        assertThat(titles).contains("Investigating: Images broken " + tag, "Monitoring: Images broken " + tag);
        List<String> contents = texts(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content"));
        assertThat(contents).anyMatch(c -> c.startsWith(tricky) && c.contains("CDN " + tag + ": Major outage"));
        assertThat(titles.indexOf("Monitoring: Images broken " + tag))
                .as("newest first")
                .isLessThan(titles.indexOf("Investigating: Images broken " + tag));

        Document rss = parse(publicBody("/status/feed.rss"));
        assertThat(rss.getDocumentElement().getNodeName()).isEqualTo("rss");
        assertThat(rss.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(rss.getElementsByTagName("channel").getLength()).isEqualTo(1);
        List<String> items = texts(rss.getElementsByTagName("item"));
        assertThat(items.stream().filter(i -> i.contains("Images broken " + tag)))
                .hasSize(2);
        assertThat(texts(rss.getElementsByTagName("description"))).anyMatch(d -> d.startsWith(tricky));
        assertThat(texts(rss.getElementsByTagName("pubDate"))).allMatch(d -> d.endsWith("GMT"));
    }

    @Test
    void theSummaryJsonNamesThePageComponentsActiveIncidentsAndMaintenance() {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long mail = component("Mail " + tag, List.of());
        long incident = declare(ada.api(), "Json " + tag, "default", List.of());
        publish(
                ada.api(),
                incident,
                "Mail delayed " + tag,
                "Queued mail " + tag,
                "identified",
                Map.of(mail, "degraded"));

        Api.Response response = new Api("http://localhost:" + port, null).get("/status/api/v1/summary.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = response.json();
        assertThat(json.get("page").get("name").asString()).isNotBlank();
        assertThat(json.get("status").get("indicator").asString()).isIn("degraded", "partial_outage", "major_outage");
        JsonNode component = null;
        for (JsonNode c : json.get("components")) {
            if (c.get("name").asString().equals("Mail " + tag)) {
                component = c;
            }
        }
        assertThat(component).isNotNull();
        assertThat(component.get("status").asString()).isEqualTo("degraded");
        assertThat(component.get("uptime90d").isNumber()).isTrue();
        JsonNode active = null;
        for (JsonNode i : json.get("incidents")) {
            if (i.get("title").asString().equals("Mail delayed " + tag)) {
                active = i;
            }
        }
        assertThat(active).isNotNull();
        assertThat(active.get("status").asString()).isEqualTo("identified");
        assertThat(active.get("updates").get(0).get("message").asString()).isEqualTo("Queued mail " + tag);
        assertThat(active.get("components").get(0).get("impact").asString()).isEqualTo("degraded");
        assertThat(active.has("incidentId"))
                .as("the internal id stays internal")
                .isFalse();
        assertThat(json.get("maintenances").isArray()).isTrue();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(parent.getNamespaceURI(), name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    private static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
