/* The bench for people: the machine, a table, bar charts, one sentence. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench_int.h"

#define BAR_WIDTH	40
#define LOG_AT		20	/* fastest / slowest past this: log scale */

const char *
size_words(size_t size, char *buf, size_t len)
{
	if (size >= 1024 && size % 1024 == 0)
		snprintf(buf, len, "%u KiB", (unsigned)(size / 1024));
	else
		snprintf(buf, len, "%u B", (unsigned)size);
	return (buf);
}

/* 412 k, 2.01 M: three significant digits and a prefix. */
static const char *
si(double v, const char *unit, char *buf, size_t len)
{
	static const char	*pre[] = { "", " k", " M", " G", " T" };
	int			 i = 0;

	while (v >= 999.5 && i < 4) {
		v /= 1000;
		i++;
	}
	snprintf(buf, len, "%.*f%s%s", v < 9.995 && i > 0 ? 2 : v < 99.95 &&
	    i > 0 ? 1 : 0, v, pre[i], unit);
	return (buf);
}

static const char *
ns_words(double ns, char *buf, size_t len)
{
	if (ns >= 1e6)
		snprintf(buf, len, "%.2f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.1f us", ns / 1e3);
	return (buf);
}

struct cell *
cell_at(const struct bench_run *r, const char *t, size_t size)
{
	int	i;

	for (i = 0; i < r->ncells; i++)
		if (strcmp(r->cells[i].t->name, t) == 0 &&
		    r->cells[i].size == size)
			return (&r->cells[i]);
	return (NULL);
}

static const struct machine *
machine_at(const struct bench_run *r, size_t size)
{
	int	i;

	for (i = 0; i < r->nsizes; i++)
		if (r->mach[i].size == size)
			return (&r->mach[i]);
	return (NULL);
}

long
crossover(const struct bench_run *r, char *sentence, size_t len)
{
	const struct cell	*shm, *pipe;
	char			 a[16], b[16], sz[16];
	int			 i, both = 0;

	for (i = 0; i < r->nsizes; i++) {
		shm = cell_at(r, "sysv-shm", r->mach[i].size);
		pipe = cell_at(r, "pipe", r->mach[i].size);
		if (shm == NULL || pipe == NULL || shm->n == 0 || pipe->n == 0)
			continue;
		both++;
		if (shm->s_items.median > pipe->s_items.median) {
			snprintf(sentence, len, "On this machine shared memory "
			    "(sysv-shm) overtakes the pipe at %s: %s against "
			    "%s items/s%s.", size_words(r->mach[i].size, sz,
			    sizeof(sz)), si(shm->s_items.median, "", a,
			    sizeof(a)), si(pipe->s_items.median, "", b,
			    sizeof(b)), i == 0 ? " (at the smallest size "
			    "measured already)" : "");
			return ((long)r->mach[i].size);
		}
	}
	if (both == 0) {
		snprintf(sentence, len, "No crossover to state: sysv-shm and "
		    "the pipe were not both measured at any one size.");
		return (-1);
	}
	snprintf(sentence, len, "Shared memory (sysv-shm) does not overtake "
	    "the pipe within the sizes measured that both carry (the pipe "
	    "transport carries at most %d bytes).", PIPE_BUF);
	return (0);
}

static void
header(FILE *f, const struct bench_run *r)
{
	const struct config	*cfg = r->cfg;

	fprintf(f, "ipcscope bench: one producer and one consumer per "
	    "transport, %d slots, %.2f s per run after a warm-up;\n"
	    "median of %d repeat%s (min-max). %d CPU%s (%s), ", cfg->slots,
	    cfg->seconds, r->repeats_done, r->repeats_done == 1 ? "" : "s",
	    r->ncpus, r->ncpus == 1 ? "" : "s", r->cpu_model);
	if (r->cpu[0] >= 0)
		fprintf(f, "producer pinned to CPU %d, consumer to CPU %d.\n",
		    r->cpu[0], r->cpu[1]);
	else
		fprintf(f, "not pinned (--pin pins them).\n");
	if (r->interrupted)
		fprintf(f, "Interrupted: what follows is what was measured "
		    "before Ctrl-C.\n");
}

static void
machine_table(FILE *f, const struct bench_run *r)
{
	char	sz[16], a[24], b[24];
	int	i;

	fprintf(f, "\nthe machine   %-8s %-16s %s\n", "size", "memcpy",
	    "spinning handoff through shared memory");
	for (i = 0; i < r->nsizes; i++) {
		if (r->mach[i].n == 0)
			continue;
		fprintf(f, "              %-8s %-16s %s items/s\n",
		    size_words(r->mach[i].size, sz, sizeof(sz)),
		    si(r->mach[i].s_memcpy.median, "B/s", a, sizeof(a)),
		    si(r->mach[i].s_spin.median, "", b, sizeof(b)));
	}
}

void
report_table_head(FILE *f)
{
	fprintf(f, "%-12s %-7s %-24s %-11s %6s %6s  %-10s %s\n", "transport",
	    "size", "items/s (min-max)", "bytes/s", "/spin", "/memcpy",
	    "round trip", "p99");
}

void
report_cell_row(FILE *f, const struct bench_run *r, const struct cell *c)
{
	const struct machine	*m = machine_at(r, c->size);
	char			 sz[16], a[16], lo[16], hi[16], bps[16];
	char			 rtt[16], p99[16], range[40];

	fprintf(f, "%-12s %-7s ", c->t->name, size_words(c->size, sz,
	    sizeof(sz)));
	if (!c->carried || (c->failed && c->n == 0)) {
		fprintf(f, "%s: %s\n", c->carried ? "failed" : "not carried",
		    c->why);
		return;
	}
	if (c->n == 0) {
		fprintf(f, "not measured (interrupted)\n");
		return;
	}
	snprintf(range, sizeof(range), "%s (%s-%s)", si(c->s_items.median, "",
	    a, sizeof(a)), si(c->s_items.min, "", lo, sizeof(lo)),
	    si(c->s_items.max, "", hi, sizeof(hi)));
	fprintf(f, "%-24s %-11s %6.3f %6.3f  %-10s %s\n", range,
	    si(c->s_items.median * (double)c->size, "B/s", bps, sizeof(bps)),
	    m != NULL && m->s_spin.median > 0 ? c->s_items.median /
	    m->s_spin.median : 0, m != NULL && m->s_memcpy.median > 0 ?
	    c->s_items.median * (double)c->size / m->s_memcpy.median : 0,
	    ns_words(c->s_rtt.median, rtt, sizeof(rtt)),
	    ns_words(c->s_p99.median, p99, sizeof(p99)));
}

static void
chart(FILE *f, const struct bench_run *r, size_t size)
{
	const struct cell	*c, *fast = NULL, *slow = NULL;
	double			 lo, hi, v;
	char			 sz[16], a[16], b[16];
	int			 i, w;
	bool			 logs;

	for (i = 0; i < r->ncells; i++) {
		c = &r->cells[i];
		if (c->size != size || c->n == 0)
			continue;
		if (fast == NULL || c->s_items.median > fast->s_items.median)
			fast = c;
		if (slow == NULL || c->s_items.median < slow->s_items.median)
			slow = c;
	}
	if (fast == NULL)
		return;
	lo = slow->s_items.median;
	hi = fast->s_items.median;
	logs = lo > 0 && hi / lo > LOG_AT;
	fprintf(f, "\nitems/s at %s (%s): fastest %s (%s), slowest %s (%s)\n",
	    size_words(size, sz, sizeof(sz)), logs ? "log scale" : "linear",
	    fast->t->name, si(hi, "", a, sizeof(a)), slow->t->name,
	    si(lo, "", b, sizeof(b)));
	for (i = 0; i < r->ncells; i++) {
		c = &r->cells[i];
		if (c->size != size || c->n == 0)
			continue;
		v = c->s_items.median;
		if (logs)
			w = 1 + (int)((BAR_WIDTH - 1) * log(v / lo) /
			    log(hi / lo) + 0.5);
		else
			w = hi > 0 ? (int)(BAR_WIDTH * v / hi + 0.5) : 0;
		if (w < 1)
			w = 1;
		fprintf(f, "  %-12s %.*s%*s %s\n", c->t->name, w,
		    "########################################",
		    BAR_WIDTH - w, "", si(v, "", a, sizeof(a)));
	}
}

static void
warnings(FILE *f, const struct bench_run *r)
{
	const struct cell	*c;
	unsigned long		 items = 0;
	char			 sz[16];
	int			 i, bad = 0;

	for (i = 0; i < r->ncells; i++) {
		c = &r->cells[i];
		if (c->n > 1 && c->s_items.spread > STAT_SPREAD_WARN)
			fprintf(f, "warning: %s at %s: the repeats spread over "
			    "%.0f%% of the median; too wide to trust (try "
			    "--pin, a longer --seconds, a quieter machine)\n",
			    c->t->name, size_words(c->size, sz, sizeof(sz)),
			    100 * c->s_items.spread);
		if (c->n > 0 && !c->verified) {
			bad++;
			fprintf(f, "error: %s at %s: %lu items sent, %lu "
			    "received, %lu not intact, %lu out of order\n",
			    c->t->name, size_words(c->size, sz, sizeof(sz)),
			    c->sent, c->received, c->bad, c->disorder);
		}
		items += c->received;
	}
	if (bad == 0)
		fprintf(f, "Every item sent arrived intact and in order "
		    "(%lu items checked).\n", items);
}

static void
observer(FILE *f, const struct bench_run *r)
{
	char	a[16], b[16];

	if (r->obs_error[0] != '\0')
		fprintf(f, "The observer could not be measured: %s\n",
		    r->obs_error);
	if (r->nobs == 0 || r->s_quiet.median <= 0)
		return;
	fprintf(f, "The observer: %s move %s items/s unwatched and %s with\n"
	    "a snapshot 30 times a second (what the screen takes each frame, "
	    "the drawing\naside): %.3f of it.\n", OBSERVER_DESC,
	    si(r->s_quiet.median, "", a, sizeof(a)),
	    si(r->s_watched.median, "", b, sizeof(b)),
	    r->s_watched.median / r->s_quiet.median);
	if (r->s_kernel.median <= 0)
		return;
	fprintf(f, "A frame's snapshot takes %.0f us; the kernel reads it cannot "
	    "avoid (the objects'\nIPC_STAT and semctl, a pread of each worker's "
	    "/proc stat, wchan and syscall),\nmade alone, %.0f us: %.2f times "
	    "(medians, %d frames).\n", r->s_frame.median / 1e3,
	    r->s_kernel.median / 1e3, r->s_frame.median / r->s_kernel.median,
	    r->obs_frames);
}

void
report_text(FILE *f, struct bench_run *r)
{
	char	sentence[256];
	int	i;

	header(f, r);
	machine_table(f, r);
	fprintf(f, "\n");
	report_table_head(f);
	for (i = 0; i < r->ncells; i++)
		report_cell_row(f, r, &r->cells[i]);
	fprintf(f, "(/spin: items/s as a fraction of the spinning handoff's; "
	    "/memcpy: bytes/s as a\nfraction of memcpy's; round trip: the "
	    "ping-pong's median over one repeat, then\nthe median of the "
	    "repeats.)\n");
	for (i = 0; i < r->nsizes; i++)
		chart(f, r, r->mach[i].size);
	fprintf(f, "\n");
	crossover(r, sentence, sizeof(sentence));
	fprintf(f, "%s\n", sentence);
	observer(f, r);
	warnings(f, r);
}
