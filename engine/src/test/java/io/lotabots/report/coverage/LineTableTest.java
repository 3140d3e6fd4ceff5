package io.lotabots.report.coverage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineTableTest {
    @Test
    void shouldCountLineAsCoveredWhenAnyRecordCoversIt() {
        LineTable table = new LineTable();
        table.addLine(3, false);
        table.addLine(3, true);
        table.addLine(3, false);
        table.addLine(4, false);

        assertThat(table.count()).containsExactly(1, 1, 0, 0);
    }

    @Test
    void shouldKeepTheBetterBranchCountWhenUniting() {
        LineTable table = new LineTable();
        table.addBranches(7, 1, 2);
        table.addBranches(7, 0, 2);
        table.addBranches(8, 2, 4);
        table.addBranches(8, 1, 6);
        table.addBranches(9, 0, 0);

        // line 7: 1 of 2; line 8: the larger total (6) and the larger covered count (2)
        assertThat(table.count()).containsExactly(0, 0, 3, 5);
    }

    @Test
    void shouldAddBranchesOfOneRecord() {
        LineTable table = new LineTable();
        table.addBranch(5, true);
        table.addBranch(5, false);
        table.addBranch(5, true);

        assertThat(table.count()).containsExactly(0, 0, 2, 1);
    }

    @Test
    void shouldGrowAndUniteLargeTables() {
        LineTable first = new LineTable();
        LineTable second = new LineTable();
        for (int line = 0; line < 10_000; line++) {
            first.addLine(line, line % 2 == 0);
            second.addLine(line + 5_000, line % 2 == 1);
        }

        first.addAll(second);

        // lines 0..14,999: 0..4,999 as first says (2,500 covered); 5,000..9,999 covered by one of them unless both
        // miss it, which never happens (first covers even, second odd lines); 10,000..14,999 as second says (2,500)
        assertThat(first.count()).containsExactly(2_500 + 5_000 + 2_500, 2_500 + 2_500, 0, 0);
    }
}
