package io.trackerhub.archive.csv;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The cell formats Tracker's export uses, as the issue and the recorded exports show them. */
class CellsTest {

    @Test
    void aCommentCellEndsWithItsAuthorAndDay() {
        assertThat(ExportReader.comment("Looks good to me (Jane Doe - Feb 11, 2016)"))
                .isEqualTo(new ExportStory.Comment("Looks good to me", "Jane Doe", LocalDate.of(2016, 2, 11)));
        // a multi-line text with parentheses of its own keeps them
        assertThat(ExportReader.comment("Fixed (see #12)\nsecond line (Ann Lee - Dec 1, 2019)"))
                .isEqualTo(new ExportStory.Comment("Fixed (see #12)\nsecond line", "Ann Lee", LocalDate.of(2019, 12, 1)));
        // an author whose name has a hyphen of its own
        assertThat(ExportReader.comment("ok (Mary-Ann Smith - Mar 3, 2020)").author()).isEqualTo("Mary-Ann Smith");
        // no author part: the whole cell is the text
        assertThat(ExportReader.comment("just text")).isEqualTo(new ExportStory.Comment("just text", null, null));
    }

    @Test
    void datesAndLabelsAsTheExportWritesThem() {
        assertThat(ExportReader.parseDate("Feb 11, 2016")).isEqualTo(LocalDate.of(2016, 2, 11));
        assertThat(ExportReader.parseDate("Sep 9, 2024")).isEqualTo(LocalDate.of(2024, 9, 9));
        assertThat(ExportReader.parseDate("yesterday")).isNull();
        assertThat(ExportReader.parseInstant("2016-02-11T10:00:00Z")).isEqualTo(Instant.parse("2016-02-11T10:00:00Z"));
        assertThat(ExportReader.labels("api, needs design,  ,ux")).containsExactly("api", "needs design", "ux");
    }
}
