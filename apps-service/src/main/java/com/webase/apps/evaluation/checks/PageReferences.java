package com.webase.apps.evaluation.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The URLs an HTML page loads or links to, with their offsets in the page's text:
 *
 * <ul>
 *   <li>{@code src}, {@code href} (and SVG's {@code xlink:href}) and {@code poster} on any element,
 *       {@code data} on {@code <object>};
 *   <li>each candidate of {@code srcset} and {@code imagesrcset};
 *   <li>{@code url(…)} and {@code @import} in {@code <style>} elements and {@code style=""};
 *   <li>the non-bare specifiers imported by inline {@code <script type="module">}.
 * </ul>
 *
 * <p>Form {@code action}s are not included: a static app's form usually posts to an API outside it.
 * Stateless; thread-safe (the document is only read).
 */
final class PageReferences {

  private static final Set<String> URL_ATTRIBUTES = Set.of("src", "href", "xlink:href", "poster");
  private static final Set<String> SRCSET_ATTRIBUTES = Set.of("srcset", "imagesrcset");

  private PageReferences() {}

  static List<WrittenReference> in(Document page) {
    List<WrittenReference> found = new ArrayList<>();
    for (Element element : page.getAllElements()) {
      String tag = element.normalName();
      if (tag.equals("base")) {
        continue; // what the others resolve against (baseDirectory), not a file to load
      }
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey();
        String value = attribute.getValue();
        int at = attribute.sourceRange().valueRange().startPos();
        if (URL_ATTRIBUTES.contains(name) || (tag.equals("object") && name.equals("data"))) {
          found.add(new WrittenReference(value, at));
        } else if (SRCSET_ATTRIBUTES.contains(name)) {
          SrcsetCandidates.in(value).forEach(c -> found.add(c.shiftedBy(at)));
        } else if (name.equals("style")) {
          CssUrls.in(value).forEach(c -> found.add(c.shiftedBy(at)));
        }
      }
      if (tag.equals("style")) {
        for (Node child : element.childNodes()) {
          String css =
              switch (child) {
                case DataNode data -> data.getWholeData();
                case TextNode text -> text.getWholeText();
                default -> "";
              };
          int at = child.sourceRange().startPos();
          CssUrls.in(css).forEach(c -> found.add(c.shiftedBy(at)));
        }
      } else if (isInlineModule(element)) {
        for (DataNode data : element.dataNodes()) {
          int at = data.sourceRange().startPos();
          ModuleSpecifiers.in(data.getWholeData()).stream()
              .filter(s -> !ModuleSpecifiers.isBare(s.value()))
              .forEach(s -> found.add(s.shiftedBy(at)));
        }
      }
    }
    return found;
  }

  /**
   * The folder the page's relative URLs resolve against: the page's own, or the one its {@code
   * <base href>} names; empty when {@code <base>} points off the app's origin, which makes every
   * relative URL of the page external.
   */
  static Optional<String> baseDirectory(Document page, String pagePath) {
    String pageDirectory = Snapshot.directoryOf(pagePath);
    Element base = page.selectFirst("base[href]");
    if (base == null) {
      return Optional.of(pageDirectory);
    }
    String href = base.attr("href");
    if (LocalReference.isExternal(href)) {
      return Optional.empty();
    }
    return Optional.of(
        switch (LocalReference.resolve(href, pageDirectory)) {
          case LocalReference.InApp(String path, boolean directory) when directory ->
              path.isEmpty() ? "" : path + "/";
          case LocalReference.InApp(String path, boolean directory) -> Snapshot.directoryOf(path);
          default -> pageDirectory;
        });
  }

  private static boolean isInlineModule(Element element) {
    return element.normalName().equals("script")
        && !element.hasAttr("src")
        && element.attr("type").strip().equalsIgnoreCase("module");
  }
}
