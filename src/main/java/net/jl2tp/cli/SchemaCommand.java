package net.jl2tp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import net.jl2tp.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft-07) of the config files, for editors (yaml-language-server, "
                + "JetBrains): keys, types, ranges, keywords and patterns, with each key's description. Rules across "
                + "objects stay validate's. The Debian package installs it as " + ConfigSchema.INSTALLED_PATH + ".")
final class SchemaCommand implements Callable<Integer> {
    /** Made by the build from the key tables and the README (schema/jl2tp.schema.json, the same bytes). */
    static final String RESOURCE = "jl2tp.schema.json";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                spec.commandLine().getErr().println("jl2tp-apply: this build has no " + RESOURCE + " (a build without "
                        + "the process-classes phase); the Debian package installs it as " + ConfigSchema.INSTALLED_PATH);
                return ExitCode.FAILED;
            }
            out.print(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        out.flush();
        return ExitCode.OK;
    }
}
