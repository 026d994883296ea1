package net.jl2tp.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("jl2tp");
    }
}
