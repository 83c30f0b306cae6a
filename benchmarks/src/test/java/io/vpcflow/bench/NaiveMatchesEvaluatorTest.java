package io.vpcflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.model.eval.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's baseline is only a baseline if it decides what the compiled evaluator decides. */
class NaiveMatchesEvaluatorTest {

    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = {100, 1000, 10000})
    void naiveAndCompiledAgreeOnEveryPacketOfThePool(int rules) {
        LargeNetwork network = LargeNetwork.generate(rules, EvaluatorBenchmark.SEED);
        Evaluator evaluator = new Evaluator(CompiledNetwork.of(network.network()));
        NaiveEvaluator naive = new NaiveEvaluator(network.network());
        Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        Set<ExplanationCode> codes = EnumSet.noneOf(ExplanationCode.class);
        int rejectedReplies = 0;
        for (PacketPool.Flow flow : PacketPool.generate(network, EvaluatorBenchmark.POOL, EvaluatorBenchmark.SEED)) {
            Evaluation compiled = evaluator.evaluate(flow.source(), flow.packet());
            assertSame(flow.kind() + " " + flow.packet(), naive.evaluate(flow.source(), flow.packet()), compiled);
            verdicts.add(compiled.verdict());
            if (compiled.code() != null) {
                codes.add(compiled.code());
            }
            if (compiled.reply() != null && !compiled.reply().accepted()) {
                rejectedReplies++;
            }
        }
        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());
        assertThat(codes).contains(ExplanationCode.ENI_SG_RULES_MISMATCH, ExplanationCode.SUBNET_ACL_RESTRICTION,
                ExplanationCode.NO_ROUTE_TO_DESTINATION, ExplanationCode.BAD_STATE_ROUTE,
                ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, ExplanationCode.NO_INTERFACE_AT_ADDRESS,
                ExplanationCode.ADDRESS_NOT_IN_ANY_SUBNET);
        assertThat(rejectedReplies).isPositive();
    }

    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = {100, 10000})
    void theHotGroupsAndAclsHoldTheRuleCountPerDirection(int rules) {
        LargeNetwork network = LargeNetwork.generate(rules, EvaluatorBenchmark.SEED);
        for (int v = 0; v < LargeNetwork.HOT_VPCS; v++) {
            SecurityGroup web = network.network().securityGroup(LargeNetwork.webGroupId(v)).orElseThrow();
            assertThat(web.ingress()).hasSize(rules);
            assertThat(web.egress()).hasSize(rules);
            String subnetId = network.networkInterface(v, 0, 0).subnetId();
            NetworkAcl acl = network.network().networkAcls().stream()
                    .filter(a -> a.subnetIds().contains(subnetId)).findFirst().orElseThrow();
            assertThat(acl.entries().stream().filter(e -> !e.egress())).hasSize(rules);
            assertThat(acl.entries().stream().filter(e -> e.egress())).hasSize(rules);
        }
    }

    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = {100})
    void theSameSeedGivesTheSameNetworkAndPool(int rules) {
        List<PacketPool.Flow> first = PacketPool.generate(LargeNetwork.generate(rules, 7), 64, 7);
        List<PacketPool.Flow> second = PacketPool.generate(LargeNetwork.generate(rules, 7), 64, 7);
        assertThat(first).isEqualTo(second);
    }

    private static void assertSame(String what, NaiveEvaluator.Result naive, Evaluation compiled) {
        assertThat(naive.verdict()).as(what).isEqualTo(compiled.verdict());
        assertThat(naive.code()).as(what).isEqualTo(compiled.code());
        assertThat(naive.blockedAt()).as(what).isEqualTo(compiled.blockedAt());
        if (naive.aclEntry() != null) {
            assertThat(compiled.rule()).as(what).isEqualTo(naive.aclEntry().toString());
        }
        assertThat(naive.reply() == null).as(what + " has a reply").isEqualTo(compiled.reply() == null);
        if (naive.reply() != null) {
            assertSame(what + " (reply)", naive.reply(), compiled.reply());
        }
    }
}
