package net.jl2tp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class or method) that needs a real L2TP-capable kernel: it runs only inside the
 * project's VM ({@code src/test/vm/run-kernel-tests.sh}, which {@code mvn verify} calls), as root,
 * with the l2tp, 8021q, bridge, veth and dummy modules loaded. Anywhere else it is reported as
 * SKIPPED, never as passed. Tagged {@code kernel}; the VM runner selects exactly that tag.
 *
 * <p>Kernel test classes are found by name like any test class (ending in Test, Tests or IT).
 * Use {@link Netns} for the network namespaces they build their hosts in, and documentation
 * addresses only: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("kernel")
@ExtendWith(KernelTestCondition.class)
public @interface KernelTest {
}
