/*
 * The auditor: duplicates, a producer's items taken out of order, and
 * numbers never given out, from the consumers' log; and the items lost,
 * from the board's log of gone items. Two hash tables
 * sized for a full log, so neither numbers nor ids need a bound.
 */
#include <string.h>

#include "ipcscope/audit.h"

/* A power of two; each table is at most half full. */
#define TABLE	(4 * CONSUMED_MAX)	/* room for the taken and the gone */

/* Static, not on the stack (192 KiB); cleared on each call. */
static uint32_t	seen[TABLE];		/* numbers taken so far; 0: free */
static struct {
	uint32_t	source;		/* producer << 16 | mailbox; 0: free */
	uint32_t	last;		/* the number it was last seen with */
} last[TABLE];

static uint32_t
hash(uint32_t x)
{
	return ((x * 2654435761u) >> 16 & (TABLE - 1));
}

/* Was seq taken before? Remembers it either way. seq is not 0. */
static int
taken_before(uint32_t seq)
{
	uint32_t	i;

	for (i = hash(seq); seen[i] != 0; i = (i + 1) & (TABLE - 1))
		if (seen[i] == seq)
			return (1);
	seen[i] = seq;
	return (0);
}

/* The last number taken from source (0 if none yet), and now seq. */
static uint32_t
last_then(uint32_t source, uint32_t seq)
{
	uint32_t	i, was;

	for (i = hash(source); last[i].source != 0 &&
	    last[i].source != source; i = (i + 1) & (TABLE - 1))
		continue;
	last[i].source = source;
	was = last[i].last;
	last[i].last = seq;
	return (was);
}

void
audit_log(const struct consumed *log, uint32_t taken, uint32_t next_seq,
    bool mailbox, struct snap_audit *out)
{
	uint32_t	n, i, seq, source;

	memset(seen, 0, sizeof(seen));
	memset(last, 0, sizeof(last));
	memset(out, 0, sizeof(*out));
	out->taken = taken;
	n = taken < CONSUMED_MAX ? taken : CONSUMED_MAX;
	for (i = 0; i < n; i++) {
		seq = log[i].seq;
		/* A number never given out, or no producer: a torn item. */
		if (seq == 0 || seq > next_seq || log[i].producer == 0) {
			out->unknown++;
			continue;
		}
		if (taken_before(seq))
			out->duplicates++;
		/* Producer is not 0, so neither is source. */
		source = (uint32_t)log[i].producer << 16 |
		    (mailbox ? log[i].consumer : 0);
		if (seq <= last_then(source, seq))
			out->out_of_order++;
	}
}

void
audit_lost(const uint32_t *gone, uint32_t ngone, const struct consumed *log,
    uint32_t taken, struct snap_audit *out)
{
	uint32_t	n, i;

	memset(seen, 0, sizeof(seen));
	n = taken < CONSUMED_MAX ? taken : CONSUMED_MAX;
	for (i = 0; i < n; i++)
		if (log[i].seq != 0)
			(void)taken_before(log[i].seq);
	out->lost = 0;
	n = ngone < GONE_MAX ? ngone : GONE_MAX;
	/* taken_before() remembers: an item gone twice counts once. */
	for (i = 0; i < n; i++)
		if (gone[i] != 0 && !taken_before(gone[i]))
			out->lost++;
}
