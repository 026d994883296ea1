package net.jl2tp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jl2tp.config.SiteConfig;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.NetlinkException;

/**
 * Which site of a link file this host is: {@code --site NAME}; else the site file
 * ({@code /etc/jl2tp/site}, one word); else the host name (FQDN, then short) among the sites'
 * hostnames; else the one site whose address is on this host (in the target namespace). No
 * resolver is asked: the names are the kernel's own, the addresses its dump's.
 */
final class SiteChoice {
    private SiteChoice() {
    }

    /** The site, and the words that say why (the plan header's parenthesis). */
    record Chosen(String site, String why) {
        String header() {
            return "site: " + site + " (" + why + ")";
        }
    }

    /** The kernel's addresses in the target namespace, read only when the last rule needs them. */
    interface Addresses {
        List<InetAddress> read() throws NetlinkException;
    }

    /**
     * What the rules look at on this host.
     *
     * @param siteFile where the site file is ({@code /etc/jl2tp/site})
     * @param hostname the kernel's host name (/proc/sys/kernel/hostname)
     * @param domainname the kernel's domain name (/proc/sys/kernel/domainname), "(none)" or "" when unset
     */
    record HostFacts(Path siteFile, String hostname, String domainname, Addresses addresses) {
        /** The real host: the site file in {@code configDirectory}, the kernel's names, {@code addresses}. */
        static HostFacts system(Path configDirectory, Addresses addresses) {
            return new HostFacts(configDirectory.resolve("site"), kernelName("hostname"), kernelName("domainname"),
                    addresses);
        }

        private static String kernelName(String which) {
            try {
                return Files.readString(Path.of("/proc/sys/kernel", which), StandardCharsets.US_ASCII).trim();
            } catch (IOException | RuntimeException e) {
                return ""; // no name: the rule finds nothing, the next one decides
            }
        }

        /** The FQDN, when the kernel has a domain name; else the host name as it is. */
        String fqdn() {
            String domain = domainname.trim();
            if (domain.isEmpty() || domain.equals("(none)") || hostname.isEmpty() || hostname.contains(".")) {
                return hostname;
            }
            return hostname + "." + domain;
        }

        String shortName() {
            int dot = hostname.indexOf('.');
            return dot < 0 ? hostname : hostname.substring(0, dot);
        }
    }

    /** No site, or several: the message lists the candidates and says how to choose; nothing was touched. */
    static final class NoSite extends Exception {
        NoSite(String message) {
            super(message);
        }
    }

    /** One word of a site's name: what a site file may hold (longer, or anything else, is refused). */
    private static final Pattern ONE_WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** A site file is one word: more than this is not one. */
    private static final int SITE_FILE_LIMIT = 256;

    private static final String HOW = "choose one with --site NAME, or write its name in ";

    static Chosen choose(List<SiteConfig> sites, Optional<String> flag, HostFacts host) throws NoSite, NetlinkException {
        if (flag.isPresent()) {
            return new Chosen(named(sites, flag.get(), "--site"), "from --site");
        }
        Optional<String> fromFile = siteFile(host.siteFile());
        if (fromFile.isPresent()) {
            return new Chosen(named(sites, fromFile.get(), host.siteFile().toString()), "from " + host.siteFile());
        }
        for (String name : List.of(host.fqdn(), host.shortName())) {
            if (name.isEmpty()) {
                continue;
            }
            List<SiteConfig> matched = sites.stream()
                    .filter(s -> s.hostnames().stream().anyMatch(h -> h.equalsIgnoreCase(name))).toList();
            if (matched.size() == 1) {
                return new Chosen(matched.get(0).name(), "host name " + name);
            }
            if (matched.size() > 1) {
                throw new NoSite("several sites have this host's name " + name + ":" + list(matched,
                        s -> "hostnames " + s.hostnames()) + "\n" + HOW + host.siteFile());
            }
        }
        List<InetAddress> here = host.addresses().read();
        List<SiteConfig> matched = sites.stream().filter(s -> here.contains(s.address())).toList();
        if (matched.size() == 1) {
            return new Chosen(matched.get(0).name(), "address " + IpAddresses.format(matched.get(0).address())
                    + " is on this host");
        }
        if (matched.size() > 1) {
            throw new NoSite("several sites' addresses are on this host:" + list(matched,
                    s -> "address " + IpAddresses.format(s.address()) + " is on this host") + "\n" + HOW + host.siteFile());
        }
        throw new NoSite("this config has links, and no site matches this host (no --site, no " + host.siteFile()
                + ", host name " + describe(host) + " in no site's hostnames, no site's address on this host); "
                + "the sites:" + list(sites, s -> "address " + IpAddresses.format(s.address())
                        + (s.hostnames().isEmpty() ? "" : ", hostnames " + s.hostnames()))
                + "\n" + HOW + host.siteFile());
    }

    /** {@code name} when the config has that site; else why not, with the sites it has. */
    static String named(List<SiteConfig> sites, String name, String where) throws NoSite {
        if (sites.isEmpty()) {
            throw new NoSite(where + " names site '" + name + "', and this config has no sites (a site is declared "
                    + "under l2tp.sites, for links)");
        }
        for (SiteConfig s : sites) {
            if (s.name().equals(name)) {
                return name;
            }
        }
        throw new NoSite(where + " names site '" + name + "', which the config does not have; its sites: "
                + String.join(", ", sites.stream().map(SiteConfig::name).toList()));
    }

    /**
     * The site file's one word; empty when there is no file. Anything else in it (several words,
     * control characters, binary, a megabyte) is refused: the file says which site this is, and a
     * guess would apply the wrong half.
     */
    static Optional<String> siteFile(Path file) throws NoSite {
        byte[] bytes;
        try {
            // A FIFO or a device would block the read (and the boot unit with it): regular files only.
            if (!Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).isRegularFile()) {
                throw new NoSite("the site file " + file + " is not a regular file: it must be a file holding one word, "
                        + "the name of this host's site");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NoSite("cannot read the site file " + file + ": " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SITE_FILE_LIMIT + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NoSite("cannot read the site file " + file + ": " + e.getMessage());
        }
        if (bytes.length > SITE_FILE_LIMIT) {
            throw new NoSite("the site file " + file + " is longer than " + SITE_FILE_LIMIT
                    + " bytes: it must hold one word, the name of this host's site");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
        if (!ONE_WORD.matcher(text).matches()) {
            throw new NoSite("the site file " + file + " must hold one word, the name of this host's site (letters, "
                    + "digits, '.', '_', '-', at most 63), not " + (text.isEmpty() ? "nothing" : "what it holds"));
        }
        return Optional.of(text);
    }

    private static String describe(HostFacts host) {
        String fqdn = host.fqdn();
        String shortName = host.shortName();
        if (fqdn.isEmpty()) {
            return "(none)";
        }
        return fqdn.equals(shortName) ? fqdn : fqdn + " or " + shortName;
    }

    private static String list(List<SiteConfig> sites, java.util.function.Function<SiteConfig, String> why) {
        StringBuilder b = new StringBuilder();
        for (SiteConfig s : sites) {
            b.append("\n  ").append(s.name()).append(": ").append(why.apply(s));
        }
        return b.toString();
    }

}
