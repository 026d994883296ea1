package net.jl2tp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Finds the config files, reads them all, and merges what they declare. Every problem in every
 * file is collected, never thrown, so one run shows them all.
 */
public final class ConfigLoader {
    /** Lowest precedence first: a file in /run shadows one of the same name in /etc or /usr/lib. */
    public static final List<Path> DEFAULT_SEARCH_PATH = List.of(
            Path.of("/usr/lib/jl2tp"), Path.of("/etc/jl2tp"), Path.of("/run/jl2tp"));

    /** The administrator's directory: where {@code confirm} installs a tried candidate. */
    public static final Path ADMIN_DIRECTORY = Path.of("/etc/jl2tp");

    private ConfigLoader() {
    }

    /** Loads from the default search path. Missing directories are simply empty. */
    public static LoadedConfig loadSearchPath(List<Path> searchPath) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Path> byName = new TreeMap<>(); // lexical order of file names, the merge order
        for (Path dir : searchPath) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path file : yamlFilesIn(dir, problems)) {
                byName.put(file.getFileName().toString(), file); // later directories shadow earlier ones
            }
        }
        return load(new ArrayList<>(byName.values()), problems);
    }

    /**
     * Loads the search path with {@code candidates} in the place of their namesakes in
     * {@code installDirectory} (one of the search path's directories): the config as it will be
     * once they are installed there. A candidate that a later directory's file of the same name
     * would shadow is a problem: installing it would change nothing.
     */
    public static LoadedConfig loadSearchPathWith(List<Path> searchPath, Path installDirectory, List<Path> candidates) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Path> byName = new TreeMap<>();
        boolean after = false;
        Map<String, Path> shadowing = new HashMap<>();
        for (Path dir : searchPath) {
            if (dir.equals(installDirectory)) {
                after = true;
            }
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path file : yamlFilesIn(dir, problems)) {
                byName.put(file.getFileName().toString(), file);
                if (after && !dir.equals(installDirectory)) {
                    shadowing.put(file.getFileName().toString(), file);
                }
            }
        }
        Map<String, Path> given = new HashMap<>();
        for (Path candidate : candidates) {
            String name = candidate.getFileName() == null ? "" : candidate.getFileName().toString();
            Path twin = given.put(name, candidate);
            if (twin != null) {
                problems.add(new Problem(SourceMark.startOf(candidate.toString()), "another candidate, " + twin
                        + ", has the same name: both would be installed as " + installDirectory.resolve(name)));
            } else if (!name.endsWith(".yaml")) {
                problems.add(new Problem(SourceMark.startOf(candidate.toString()),
                        "a candidate must be a file named *.yaml: confirm installs it as " + installDirectory + "/NAME.yaml"));
            } else if (shadowing.containsKey(name)) {
                problems.add(new Problem(SourceMark.startOf(candidate.toString()), "installed as "
                        + installDirectory.resolve(name) + " it would be shadowed by " + shadowing.get(name)
                        + "; change that file instead, or give the candidate another name"));
            } else {
                byName.put(name, candidate);
            }
        }
        return load(new ArrayList<>(byName.values()), problems);
    }

    /**
     * Loads from paths given on the command line ({@code --config}): each a file, or a directory
     * whose *.yaml files are read in lexical order. These replace the search path entirely.
     */
    public static LoadedConfig loadPaths(List<Path> paths) {
        List<Problem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            String name = path.toString();
            if (Files.isDirectory(path)) {
                List<Path> inDir = yamlFilesIn(path, problems);
                if (inDir.isEmpty() && problems.isEmpty()) {
                    problems.add(new Problem(SourceMark.startOf(name),
                            "directory has no *.yaml files; give a config file or a directory that holds some"));
                }
                files.addAll(inDir);
            } else {
                files.add(path);
            }
        }
        return load(files, problems);
    }

    private static LoadedConfig load(List<Path> files, List<Problem> problems) {
        SourceFiles sources = new SourceFiles();
        List<FileBinder.Fragment> fragments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = file.toString();
            names.add(name);
            byte[] bytes;
            try {
                bytes = readFile(file);
            } catch (IOException e) {
                problems.add(new Problem(SourceMark.startOf(name), "cannot read the file: " + IoReason.of(e)));
                continue;
            }
            YamlDocument.Parsed parsed = YamlDocument.parse(name, bytes);
            if (parsed.text() != null) {
                sources.add(name, parsed.text());
            }
            problems.addAll(parsed.problems());
            if (parsed.root().isPresent()) {
                Node root = parsed.root().get();
                fragments.add(bindGuarded(name, root, problems));
            }
        }
        L2tpConfig config = merge(fragments, names, problems);
        return new LoadedConfig(config, sources, problems);
    }

    private static FileBinder.Fragment bindGuarded(String name, Node root, List<Problem> problems) {
        try {
            return FileBinder.bind(name, root, problems);
        } catch (StackOverflowError e) {
            problems.add(new Problem(SourceMark.startOf(name), "YAML nesting is too deep"));
            return FileBinder.Fragment.EMPTY;
        }
    }

    /**
     * The bytes of a regular file, at most {@link YamlDocument#MAX_BYTES} of them. Anything else
     * is refused before it is opened: opening a FIFO blocks until someone writes to it, and a
     * device such as /dev/zero never ends. The read itself is bounded too, so a file swapped for a
     * device between the check and the open still cannot take more than the limit.
     */
    private static byte[] readFile(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new IOException("it is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("it is " + specialKind(file) + ", not a regular file; jl2tp reads config "
                    + "from regular files only");
        }
        if (attributes.size() > YamlDocument.MAX_BYTES) {
            throw new IOException(tooLarge(attributes.size() + " bytes"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(YamlDocument.MAX_BYTES + 1);
            if (bytes.length > YamlDocument.MAX_BYTES) {
                throw new IOException(tooLarge("more than " + YamlDocument.MAX_BYTES + " bytes"));
            }
            return bytes;
        }
    }

    private static String tooLarge(String size) {
        return "it is " + size + "; jl2tp reads config files of up to " + YamlDocument.MAX_BYTES
                + " bytes (4 MiB; 10 000 sessions take about 2 MB)";
    }

    /** "a FIFO", "a character device", ...: what stat(2) says a file that is not regular is. */
    private static String specialKind(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static List<Path> yamlFilesIn(Path dir, List<Problem> problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path file : stream) {
                if (!Files.isDirectory(file)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(SourceMark.startOf(dir.toString()), "cannot read the directory: " + IoReason.of(e)));
        }
        files.sort(null);
        return files;
    }

    /** Joins the files' objects; the same object defined in two places is an error naming both. */
    private static L2tpConfig merge(List<FileBinder.Fragment> fragments, List<String> files, List<Problem> problems) {
        List<TunnelConfig> tunnels = new ArrayList<>();
        List<BridgeConfig> bridges = new ArrayList<>();
        List<VlanConfig> vlans = new ArrayList<>();
        Map<String, SourceMark> tunnelLabels = new HashMap<>();
        Map<String, SourceMark> bridgeNames = new HashMap<>();
        Map<String, SourceMark> vlanNames = new HashMap<>();
        List<SiteConfig> sites = new ArrayList<>();
        List<LinkConfig> links = new ArrayList<>();
        Map<String, SourceMark> siteNames = new HashMap<>();
        Map<String, SourceMark> linkLabels = new HashMap<>();
        for (FileBinder.Fragment fragment : fragments) {
            for (TunnelConfig tunnel : fragment.tunnels()) {
                if (unique(tunnelLabels, tunnel.label(), tunnel.marks().self(), "tunnel", problems)) {
                    tunnels.add(tunnel);
                }
            }
            for (BridgeConfig bridge : fragment.bridges()) {
                if (unique(bridgeNames, bridge.name(), bridge.marks().self(), "bridge", problems)) {
                    bridges.add(bridge);
                }
            }
            for (VlanConfig vlan : fragment.vlans()) {
                if (unique(vlanNames, vlan.name(), vlan.marks().self(), "vlan", problems)) {
                    vlans.add(vlan);
                }
            }
            for (SiteConfig site : fragment.sites()) {
                if (unique(siteNames, site.name(), site.marks().self(), "site", problems)) {
                    sites.add(site);
                }
            }
            for (LinkConfig link : fragment.links()) {
                if (unique(linkLabels, link.label(), link.marks().self(), "link", problems)) {
                    links.add(link);
                }
            }
        }
        links.forEach(link -> LinkRules.check(link, siteNames.keySet(), tunnelLabels, problems));
        return new L2tpConfig(tunnels, bridges, vlans, sites, links, files);
    }

    private static boolean unique(Map<String, SourceMark> seen, String name, SourceMark mark, String kind,
            List<Problem> problems) {
        SourceMark first = seen.putIfAbsent(name, mark);
        if (first == null) {
            return true;
        }
        problems.add(new Problem(mark, kind + " '" + name + "' is already defined at " + first
                + "; define each object in one place"));
        return false;
    }
}
