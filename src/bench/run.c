/*
 * ipcscope bench: the run. Every repeat measures the machine at each
 * size, then every transport that carries the size: its throughput,
 * then its round trip. Repeats are outermost, so that Ctrl-C leaves
 * whole repeats of everything, and prints them.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/xmalloc.h"
#include "bench_int.h"

static const size_t	default_sizes[] = { 64, 1024, 8192, 65536, 0 };

static void
on_int(int sig)
{
	bench_interrupted = sig;
}

static void
catch_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_int;	/* no SA_RESTART: sleeps end at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void
cpu_model(char *buf, size_t len)
{
	FILE	*f;
	char	 line[256], *p;

	strlcpy(buf, "unknown", len);
	if ((f = fopen("/proc/cpuinfo", "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "model name", 10) == 0 &&
		    (p = strchr(line, ':')) != NULL) {
			p += 1 + strspn(p + 1, " \t");
			p[strcspn(p, "\n")] = '\0';
			strlcpy(buf, p, len);
			break;
		}
	fclose(f);
}

/* A progress line on stderr, rewritten in place; only on a terminal. */
static void
progress(const struct bench_run *r, int done, int total, const char *what,
    size_t size)
{
	char	sz[16];

	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r\033[Kbench: %d/%d, repeat %d of %d: %s at %s",
	    done + 1, total, r->repeats_done + 1, r->cfg->repeat, what,
	    size_words(size, sz, sizeof(sz)));
	fflush(stderr);
}

static void
progress_end(void)
{
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
}

/* The cells: every transport (or -t's) at every size, and whether it
 * carries that size. Explicitly asked for and not carried: exit 2. */
static int
plan(struct bench_run *r, const size_t *sizes)
{
	const struct config	*cfg = r->cfg;
	struct cell		*c;
	int			 i, j, n = 0;

	for (r->nsizes = 0; sizes[r->nsizes] != 0; r->nsizes++)
		r->mach[r->nsizes].size = sizes[r->nsizes];
	r->cells = xreallocarray(NULL, (size_t)r->nsizes * 16, sizeof(*c));
	for (i = 0; transports[i] != NULL; i++) {
		if (cfg->transport_given && transports[i] != cfg->transport)
			continue;
		for (j = 0; j < r->nsizes; j++) {
			c = &r->cells[n++];
			memset(c, 0, sizeof(*c));
			c->t = transports[i];
			c->size = sizes[j];
			c->verified = true;
			c->carried = bench_carries(c->t, c->size, c->why,
			    sizeof(c->why)) == 0;
			if (!c->carried && cfg->transport_given &&
			    cfg->sizes[0] != 0) {
				fprintf(stderr, "ipcscope: bench: --sizes %zu: "
				    "%s\n", c->size, c->why);
				return (-1);
			}
		}
	}
	r->ncells = n;
	return (0);
}

static void
run_cell(struct bench_run *r, struct cell *c)
{
	struct tput	tp;
	char		err[256];

	if (measure_tput(r->cfg, c->t, c->size, r->cpu, &tp, err,
	    sizeof(err)) == -1 ||
	    measure_ping(r->cfg, c->t, c->size, r->cpu, &c->rtt[c->n],
	    &c->p99[c->n], err, sizeof(err)) == -1) {
		if (!bench_interrupted) {
			c->failed = true;
			strlcpy(c->why, err, sizeof(c->why));
		}
		return;
	}
	c->items_s[c->n] = tp.items_s;
	c->sent += tp.sent;
	c->received += tp.received;
	c->bad += tp.bad;
	c->disorder += tp.disorder;
	c->verified = c->verified && tp.verified;
	c->n++;
}

static void
run_repeat(struct bench_run *r, int *done, int total)
{
	struct machine	*m;
	struct cell	*c;
	int		 i, j;

	for (j = 0; j < r->nsizes && !bench_interrupted; j++) {
		m = &r->mach[j];
		progress(r, (*done)++, total, "memcpy and spinning", m->size);
		m->memcpy_bps[m->n] = measure_memcpy(m->size,
		    r->cfg->seconds / 4);
		if (measure_spin(m->size, r->cfg->seconds, r->cpu,
		    &m->spin_items[m->n]) == 0 && !bench_interrupted)
			m->n++;
		for (i = 0; i < r->ncells && !bench_interrupted; i++) {
			c = &r->cells[i];
			if (c->size != m->size || !c->carried || c->failed)
				continue;
			progress(r, (*done)++, total, c->t->name, c->size);
			run_cell(r, c);
		}
	}
}

/* The observer, once a repeat, after the transports. */
static void
run_observer(struct bench_run *r, int *done, int total)
{
	struct observed	o;

	if (bench_interrupted || r->obs_error[0] != '\0')
		return;
	progress(r, (*done)++, total, "the observer, 8+8 free running", 64);
	if (measure_observer(r->cfg, &o, r->obs_error,
	    sizeof(r->obs_error)) == 0) {
		r->obs_quiet[r->nobs] = o.quiet;
		r->obs_watched[r->nobs] = o.watched;
		r->obs_frame[r->nobs] = o.frame_ns;
		r->obs_kernel[r->nobs] = o.kernel_ns;
		r->obs_frames += o.frames;
		r->nobs++;
	} else if (bench_interrupted)
		r->obs_error[0] = '\0';
}

static int
steps_per_repeat(const struct bench_run *r)
{
	int	i, n = r->nsizes + 1;

	for (i = 0; i < r->ncells; i++)
		n += r->cells[i].carried;
	return (n);
}

int
bench_main(const struct config *given)
{
	struct bench_run	 r;
	struct config		*cfg = xcalloc(1, sizeof(*cfg));
	int			 i, done = 0, total, status = 0;

	*cfg = *given;
	if (cfg->seconds <= 0)
		cfg->seconds = 1;
	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	if (plan(&r, cfg->sizes[0] != 0 ? cfg->sizes : default_sizes) == -1) {
		free(r.cells);
		free(cfg);
		return (2);
	}
	bench_cpus(cfg->pin, r.cpu, &r.ncpus);
	cpu_model(r.cpu_model, sizeof(r.cpu_model));
	catch_signals();
	total = steps_per_repeat(&r) * cfg->repeat;
	for (i = 0; i < cfg->repeat && !bench_interrupted; i++) {
		run_repeat(&r, &done, total);
		if (!cfg->transport_given && cfg->sizes[0] == 0)
			run_observer(&r, &done, total);
		if (!bench_interrupted)
			r.repeats_done++;
	}
	progress_end();
	r.interrupted = bench_interrupted;
	for (i = 0; i < r.ncells; i++) {
		summarize(r.cells[i].items_s, r.cells[i].n, &r.cells[i].s_items);
		summarize(r.cells[i].rtt, r.cells[i].n, &r.cells[i].s_rtt);
		summarize(r.cells[i].p99, r.cells[i].n, &r.cells[i].s_p99);
		if (r.cells[i].failed || (r.cells[i].n > 0 &&
		    !r.cells[i].verified))
			status = 1;
	}
	for (i = 0; i < r.nsizes; i++) {
		summarize(r.mach[i].memcpy_bps, r.mach[i].n, &r.mach[i].s_memcpy);
		summarize(r.mach[i].spin_items, r.mach[i].n, &r.mach[i].s_spin);
	}
	summarize(r.obs_quiet, r.nobs, &r.s_quiet);
	summarize(r.obs_watched, r.nobs, &r.s_watched);
	summarize(r.obs_frame, r.nobs, &r.s_frame);
	summarize(r.obs_kernel, r.nobs, &r.s_kernel);
	if (cfg->json)
		report_json(stdout, &r);
	else
		report_text(stdout, &r);
	fflush(stdout);
	figures_save(&r);
	free(r.cells);
	free(cfg);
	/* Like a shell: 128 + the signal that stopped it. */
	return (r.interrupted ? 128 + bench_interrupted : status);
}
