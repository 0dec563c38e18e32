package dev.cairn.statuspage.web;

import dev.cairn.statuspage.PublicView;
import dev.cairn.statuspage.StatusIncident;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom 1.0 and RSS 2.0 feeds of the public updates, one entry per update, newest first. Written
 * with a streaming XML writer, so every text is escaped; stored text has no control characters.
 */
final class Feeds {

    static final int MAX_ENTRIES = 100;
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Feeds() {}

    record Entry(StatusIncident incident, StatusIncident.Update update) {

        String title() {
            return update.status().label() + ": " + incident.title();
        }
    }

    static List<Entry> entries(PublicView view) {
        List<Entry> entries = new ArrayList<>();
        view.history().forEach(i -> i.updates().forEach(u -> entries.add(new Entry(i, u))));
        entries.sort(Comparator.comparing((Entry e) -> e.update().at())
                .thenComparing(e -> e.update().id())
                .reversed());
        return entries.size() > MAX_ENTRIES ? List.copyOf(entries.subList(0, MAX_ENTRIES)) : entries;
    }

    static String atom(PublicView view, UnaryOperator<String> absolute) {
        List<Entry> entries = entries(view);
        Instant updated =
                entries.isEmpty() ? Instant.EPOCH : entries.getFirst().update().at();
        return write(xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", absolute.apply("/status"));
            element(xml, "title", view.name());
            if (view.description() != null) {
                element(xml, "subtitle", view.description());
            }
            element(xml, "updated", updated.toString());
            link(xml, "self", absolute.apply("/status/feed.atom"));
            link(xml, "alternate", absolute.apply("/status"));
            xml.writeStartElement("author");
            element(xml, "name", view.name());
            xml.writeEndElement();
            for (Entry e : entries) {
                String url = absolute.apply("/status/incidents/" + e.incident().id());
                xml.writeStartElement("entry");
                element(xml, "id", url + "#update-" + e.update().id());
                element(xml, "title", e.title());
                element(xml, "updated", e.update().at().toString());
                element(xml, "published", e.update().at().toString());
                link(xml, "alternate", url);
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(body(view, e));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    static String rss(PublicView view, UnaryOperator<String> absolute) {
        List<Entry> entries = entries(view);
        return write(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            element(xml, "title", view.name());
            element(xml, "link", absolute.apply("/status"));
            element(xml, "description", view.description() != null ? view.description() : view.name() + " status");
            if (!entries.isEmpty()) {
                element(xml, "lastBuildDate", rfc822(entries.getFirst().update().at()));
            }
            for (Entry e : entries) {
                String url = absolute.apply("/status/incidents/" + e.incident().id());
                xml.writeStartElement("item");
                element(xml, "title", e.title());
                element(xml, "link", url);
                element(xml, "description", body(view, e));
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(url + "#update-" + e.update().id());
                xml.writeEndElement();
                element(xml, "pubDate", rfc822(e.update().at()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private static String body(PublicView view, Entry e) {
        List<String> impacts = view.impactsOf(e.update());
        return e.update().message() + (impacts.isEmpty() ? "" : "\n\nAffected: " + String.join(", ", impacts));
    }

    private static String rfc822(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String write(Body body) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
