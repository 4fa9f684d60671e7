package dev.mephisto.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * mephisto-bom manages every published artifact (every module whose pom does not set {@code
 * maven.deploy.skip}) at the project's version, and the README's snippets use it.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void bomManagesEveryPublishedArtifactAtTheProjectVersion() throws Exception {
    Element root = pom(ROOT.resolve("pom.xml"));
    String version = child(root, "version");
    Set<String> published = new TreeSet<>();
    for (String module : texts(child(root, "modules", true), "module")) {
      Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
      String packaging = child(pom, "packaging");
      Element props = firstChild(pom, "properties");
      boolean skipped = props != null && "true".equals(child(props, "maven.deploy.skip"));
      if (!skipped && !"pom".equals(packaging)) {
        published.add(child(pom, "artifactId"));
      }
    }
    assertTrue(published.contains("mephisto-core") && published.contains("mephisto-spring-boot-starter"),
        published::toString);

    Element bom = pom(ROOT.resolve("bom").resolve("pom.xml"));
    assertEquals("mephisto-bom", child(bom, "artifactId"));
    assertEquals(version, child(bom, "version"), "the BOM's version is the project's");
    assertEquals(null, firstChild(bom, "parent"),
        "no parent: importing the BOM must not import the parent's third-party versions");
    Set<String> managed = new TreeSet<>();
    Element deps = firstChild(firstChild(bom, "dependencyManagement"), "dependencies");
    for (Element dep : elements(deps, "dependency")) {
      assertEquals("dev.mephisto", child(dep, "groupId"));
      assertEquals("${project.version}", child(dep, "version"), child(dep, "artifactId"));
      managed.add(child(dep, "artifactId"));
    }
    assertEquals(published, managed, "mephisto-bom lists exactly the published artifacts");
  }

  @Test
  void readmeSnippetsImportTheBomAndNameNoOtherMephistoVersion() throws Exception {
    String version = child(pom(ROOT.resolve("pom.xml")), "version");
    String readme = Files.readString(ROOT.resolve("README.md"));
    String maven = block(readme, "xml", "mephisto-bom");
    assertTrue(maven.contains("<artifactId>mephisto-bom</artifactId>\n      <version>" + version
        + "</version>\n      <type>pom</type>\n      <scope>import</scope>"), maven);
    Matcher deps = Pattern.compile("<artifactId>(mephisto-[a-z-]+)</artifactId>\\s*(<version>)?")
        .matcher(maven);
    List<String> named = new ArrayList<>();
    while (deps.find()) {
      if (!deps.group(1).equals("mephisto-bom")) {
        named.add(deps.group(1));
        assertEquals(null, deps.group(2), () -> deps.group(1) + " takes its version from the BOM");
      }
    }
    assertTrue(named.contains("mephisto-core"), named::toString);
    String gradle = block(readme, "kotlin", "mephisto-bom");
    assertTrue(gradle.contains("platform(\"dev.mephisto:mephisto-bom:" + version + "\")"), gradle);
    assertFalse(Pattern.compile("\"dev\\.mephisto:mephisto-(?!bom)[a-z-]+:").matcher(gradle).find(),
        () -> "only the BOM has a version in the Gradle snippet: " + gradle);
  }

  /** The first fenced block of a language that contains a text. */
  private static String block(String text, String language, String containing) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)\n```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      if (m.group(1).contains(containing)) {
        return m.group(1);
      }
    }
    throw new AssertionError("README has no " + language + " block with " + containing);
  }

  private static Element pom(Path file) throws Exception {
    if (!Files.exists(file)) {
      throw new IOException("missing " + file);
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(file.toFile());
    return d.getDocumentElement();
  }

  private static List<Element> elements(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element firstChild(Element parent, String name) {
    List<Element> found = elements(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Element child(Element parent, String name, boolean required) {
    Element e = firstChild(parent, name);
    assertTrue(!required || e != null, () -> "no <" + name + ">");
    return e;
  }

  private static String child(Element parent, String name) {
    Element e = firstChild(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }

  private static List<String> texts(Element parent, String name) {
    return elements(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
  }
}
