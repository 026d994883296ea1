package net.jl2tp.config;

import net.jl2tp.model.InterfaceAddress;

/** One entry of an {@code addresses:} list, already parsed, with where it was written. */
public record AddressConfig(InterfaceAddress address, SourceMark mark) {
}
