package net.jl2tp;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of README "Architecture", bottom to top; each uses only those below it. Read from the
 * bytecode, so a fully qualified name in the source counts as a use too.
 */
@AnalyzeClasses(packages = "net.jl2tp", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
    @ArchTest
    static final ArchRule EACH_LAYER_USES_ONLY_THOSE_BELOW = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("model").definedBy("net.jl2tp.model..")
            .layer("json").definedBy("net.jl2tp.json..")
            .layer("netlink").definedBy("net.jl2tp.netlink..")
            .layer("config").definedBy("net.jl2tp.config..")
            .layer("validate").definedBy("net.jl2tp.validate..")
            .layer("plan").definedBy("net.jl2tp.plan..")
            .layer("kernel").definedBy("net.jl2tp.kernel..")
            .layer("apply").definedBy("net.jl2tp.apply..")
            .layer("export").definedBy("net.jl2tp.export..")
            .layer("cli").definedBy("net.jl2tp.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("export").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("apply").mayOnlyBeAccessedByLayers("export", "cli")
            .whereLayer("kernel").mayOnlyBeAccessedByLayers("apply", "export", "cli")
            .whereLayer("plan").mayOnlyBeAccessedByLayers("kernel", "apply", "export", "cli")
            .whereLayer("validate").mayOnlyBeAccessedByLayers("plan", "kernel", "apply", "export", "cli")
            .whereLayer("config").mayOnlyBeAccessedByLayers("validate", "plan", "kernel", "apply", "export", "cli")
            .whereLayer("netlink").mayOnlyBeAccessedByLayers("config", "validate", "plan", "kernel", "apply", "export", "cli")
            .whereLayer("json").mayOnlyBeAccessedByLayers("netlink", "config", "validate", "plan", "kernel", "apply",
                    "export", "cli")
            .whereLayer("model").mayOnlyBeAccessedByLayers("json", "netlink", "config", "validate", "plan", "kernel",
                    "apply", "export", "cli");

    @ArchTest
    static final ArchRule NO_TWO_PACKAGES_FORM_A_CYCLE = slices().matching("net.jl2tp.(**)").should().beFreeOfCycles();
}
