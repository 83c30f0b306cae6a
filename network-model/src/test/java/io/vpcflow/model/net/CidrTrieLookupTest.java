package io.vpcflow.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trie's compact lookup form against a scan of every stored prefix, on random prefixes of every length, with
 * puts between lookups (each put must drop the lookup form made before it).
 */
class CidrTrieLookupTest {

    @Test
    void longestAndAllMatchesAgreeWithAScanOfEveryPrefix() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            CidrTrie<Cidr> trie = new CidrTrie<>();
            List<Cidr> stored = new ArrayList<>();
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 40; i++) {
                    Cidr cidr = new Cidr(0x0a000000 | random.nextInt(1 << 16) << 8, random.nextInt(33));
                    trie.put(cidr, cidr);
                    if (!stored.contains(cidr)) {
                        stored.add(cidr);
                    }
                }
                for (int probe = 0; probe < 200; probe++) {
                    int address = probe % 2 == 0 ? random.nextInt() : stored.get(random.nextInt(stored.size())).first()
                            + random.nextInt(4);
                    List<Cidr> holding = stored.stream().filter(c -> c.contains(address))
                            .sorted(Comparator.comparingInt(Cidr::prefixLength)).toList();
                    assertThat(trie.allMatches(address)).as("all matches of %08x", address).isEqualTo(holding);
                    assertThat(trie.longestMatch(address)).as("longest match of %08x", address)
                            .isEqualTo(holding.isEmpty() ? null : holding.get(holding.size() - 1));
                }
            }
        }
    }

    @Test
    void anEmptyTrieAndTheDefaultRouteAnswer() {
        CidrTrie<String> trie = new CidrTrie<>();
        assertThat(trie.longestMatch(0x0a000001)).isNull();
        assertThat(trie.allMatches(0x0a000001)).isEmpty();
        trie.put(Cidr.ANY, "default");
        trie.put(Cidr.parse("255.255.255.255/32"), "broadcast");
        assertThat(trie.longestMatch(0x0a000001)).isEqualTo("default");
        assertThat(trie.longestMatch(-1)).isEqualTo("broadcast");
        assertThat(trie.allMatches(-1)).containsExactly("default", "broadcast");
    }

    @Test
    void inheritedValuesCarryEveryShorterPrefix() {
        CidrTrie<String> trie = new CidrTrie<>();
        trie.put(Cidr.parse("10.0.0.0/8"), "a");
        trie.put(Cidr.parse("10.1.0.0/16"), "b");
        trie.put(Cidr.parse("10.1.2.3/32"), "c");
        trie.put(Cidr.parse("10.2.0.0/16"), "d");
        CidrTrie<String> inherited = trie.withInherited((above, own) -> above == null ? own : above + own);
        assertThat(inherited.longestMatch(0x0a010203)).isEqualTo("abc");
        assertThat(inherited.longestMatch(0x0a010204)).isEqualTo("ab");
        assertThat(inherited.longestMatch(0x0a020000)).isEqualTo("ad");
        assertThat(inherited.longestMatch(0x0b000000)).isNull();
    }
}
