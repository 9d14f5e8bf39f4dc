/*
 * The auditor: duplicates, a producer's items taken out of order, and
 * numbers never given out, from the consumers' log.
 */
#include <string.h>

#include "ipcscope/audit.h"

#define AUDIT_PRODUCERS	64

void
audit_log(const struct consumed *log, uint32_t taken, uint32_t next_seq,
    bool mailbox, struct snap_audit *out)
{
	/* Numbers seen, and each producer's last number per mailbox. */
	static unsigned char	seen[CONSUMED_MAX * 4 / 8];
	static uint32_t		last[AUDIT_PRODUCERS][WORKERS_MAX + 1];
	uint32_t		n, i, seq;
	unsigned		p, q;

	memset(seen, 0, sizeof(seen));
	memset(last, 0, sizeof(last));
	memset(out, 0, sizeof(*out));
	out->taken = taken;
	n = taken < CONSUMED_MAX ? taken : CONSUMED_MAX;
	for (i = 0; i < n; i++) {
		seq = log[i].seq;
		p = log[i].producer;
		q = mailbox ? log[i].consumer : 0;
		if (q > WORKERS_MAX)
			q = WORKERS_MAX;
		/* A number never given out, or no producer: a torn item. */
		if (seq == 0 || seq > next_seq || p == 0) {
			out->unknown++;
			continue;
		}
		if (seq < sizeof(seen) * 8) {
			if (seen[seq / 8] & (1u << (seq % 8)))
				out->duplicates++;
			seen[seq / 8] |= (unsigned char)(1u << (seq % 8));
		}
		if (p < AUDIT_PRODUCERS) {
			if (seq <= last[p][q])
				out->out_of_order++;
			last[p][q] = seq;
		}
	}
}
