import java.io.File;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Counts the JUnit XML reports (legacy TEST-*.xml) in a directory and prints, loudly, every
 * skipped test with its reason, every failed one, then the line
 * "kernel tests: N passed, N failed, N skipped" ("kernel tests on LABEL: ..." with a label).
 * Exit code: 0 when tests ran and none failed, 1 when one failed, 3 when none ran (all skipped,
 * none found, or no report).
 * Run with the JDK's source launcher: java ReportSummary.java DIR [LABEL]
 */
public final class ReportSummary {

    public static void main(String[] args) throws Exception {
        File[] reports = new File(args[0]).listFiles((d, n) -> n.startsWith("TEST-") && n.endsWith(".xml"));
        String on = args.length > 1 ? " on " + args[1] : "";
        int passed = 0;
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (File report : reports == null ? new File[0] : reports) {
            NodeList cases = factory.newDocumentBuilder().parse(report).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                String name = c.getAttribute("classname") + " > " + c.getAttribute("name");
                Element skip = child(c, "skipped");
                Element failure = child(c, "failure") != null ? child(c, "failure") : child(c, "error");
                if (failure != null) {
                    failed.add(name + ": " + firstLine(failure.getAttribute("message")));
                } else if (skip != null) {
                    skipped.add(name + ": " + firstLine(skip.getAttribute("message").isEmpty()
                            ? skip.getTextContent() : skip.getAttribute("message")));
                } else {
                    passed++;
                }
            }
        }
        if (!skipped.isEmpty()) {
            banner(skipped.size() + " kernel test(s) SKIPPED" + on, skipped);
        }
        if (!failed.isEmpty()) {
            banner(failed.size() + " kernel test(s) FAILED" + on, failed);
        }
        int ran = passed + failed.size();
        if (reports == null || reports.length == 0) {
            System.out.println("ERROR: no JUnit XML report in " + args[0]);
        } else if (ran == 0) {
            System.out.println("ERROR: ZERO kernel tests ran" + on);
        }
        System.out.println("kernel tests" + on + ": " + passed + " passed, " + failed.size() + " failed, "
                + skipped.size() + " skipped");
        System.exit(ran == 0 ? 3 : failed.isEmpty() ? 0 : 1);
    }

    private static Element child(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    private static void banner(String title, List<String> lines) {
        String bar = "!".repeat(78);
        System.out.println(bar);
        System.out.println("!!! " + title + ":");
        lines.forEach(l -> System.out.println("!!!   " + l));
        System.out.println(bar);
    }
}
