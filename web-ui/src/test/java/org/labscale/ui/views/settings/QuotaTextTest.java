package org.labscale.ui.views.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobQuotaDto;

/** The lab settings page says the quota in words. */
class QuotaTextTest {

    @Test
    void shouldSayTheLimitAndWhatRuns() {
        assertEquals("At most 4 jobs of this lab run at once; 1 runs now. Further jobs wait in the queue. An"
                + " administrator sets the limit.", SettingsView.quotaText(new JobQuotaDto(UUID.randomUUID(), 4, 1)));
        assertEquals("At most 1 job of this lab run at once; 0 run now. Further jobs wait in the queue. An"
                + " administrator sets the limit.", SettingsView.quotaText(new JobQuotaDto(UUID.randomUUID(), 1, 0)));
    }
}
