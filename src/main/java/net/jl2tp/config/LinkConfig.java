package net.jl2tp.config;

/** TEMPORARY (h19-links replaces it): a link between two sites. */
public record LinkConfig(String label, Marks marks) {
}
