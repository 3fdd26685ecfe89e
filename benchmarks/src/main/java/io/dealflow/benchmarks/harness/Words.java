package io.dealflow.benchmarks.harness;

import java.util.Random;

/** Words that deal and company names are made of, so that searching by {@code q} finds a realistic share. */
final class Words {

    static final String[] ALL = {"falcon", "harbor", "summit", "meadow", "copper", "willow", "quartz", "ember",
            "glacier", "orchid", "canyon", "violet", "maple", "cobalt", "prairie", "lantern"};

    private Words() {
    }

    static String pick(Random random) {
        return ALL[random.nextInt(ALL.length)];
    }
}
