/*
 * --headless --free: the workers run at full speed (no permits) and a
 * line a second says how many items each moved, from the board's counts;
 * the kernel's objects are sampled once a second, as a frame would be.
 */
#include <err.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcscope/clock.h"
#include "ipcscope/free.h"
#include "ipcscope/session.h"
#include "ipcscope/sig.h"
#include "ipcscope/visible.h"

static struct snapshot	cur, prev;

/* 412 k, 2.01 M. */
static const char *
rate(double v, char *buf, size_t len)
{
	if (v >= 1e6)
		snprintf(buf, len, "%.2f M", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, len, "%.0f k", v / 1e3);
	else
		snprintf(buf, len, "%.0f", v);
	return (buf);
}

void
free_rates(const struct snapshot *c, const struct snapshot *p, double seconds,
    char *line, size_t len)
{
	char		r[16], part[48];
	unsigned long	total = 0, d;
	int		i, j;

	line[0] = '\0';
	if (seconds <= 0)
		return;
	/* Consumed items, as they count the exchange once. */
	for (i = 0; i < c->nworkers; i++)
		for (j = 0; j < p->nworkers; j++)
			if (c->workers[i].role == ROLE_CONSUMER &&
			    c->workers[i].pid == p->workers[j].pid &&
			    c->workers[i].done >= p->workers[j].done)
				total += c->workers[i].done -
				    p->workers[j].done;
	snprintf(line, len, "%s items/s;", rate((double)total / seconds, r,
	    sizeof(r)));
	for (i = 0; i < c->nworkers; i++) {
		d = 0;
		for (j = 0; j < p->nworkers; j++)
			if (c->workers[i].pid == p->workers[j].pid &&
			    c->workers[i].done >= p->workers[j].done)
				d = c->workers[i].done - p->workers[j].done;
		snprintf(part, sizeof(part), "%s %s %s", i > 0 ? "," : "",
		    c->workers[i].label, rate((double)d / seconds, r,
		    sizeof(r)));
		strlcat(line, part, len);
	}
}

int
free_main(const struct config *cfg)
{
	struct session	*s;
	struct pollfd	 pfd;
	char		 err[512], line[1024];
	long		 t0, last, now, seconds, wait;
	int		 sigfd, sig = 0;

	seconds = cfg->seconds > 0 ? (long)(cfg->seconds * 1000) :
	    FREE_SECONDS_DEFAULT * 1000;
	sigfd = sig_open();
	if ((s = session_start(cfg, err, sizeof(err))) == NULL) {
		warnx("%s", visible_msg(err));
		return (2);
	}
	session_sample(s, &prev);
	t0 = last = clock_ms();
	pfd.fd = sigfd;
	pfd.events = POLLIN;
	while (sig == 0 && (now = clock_ms()) - t0 < seconds) {
		/* Until the next whole second, the end, or a signal. */
		wait = 1000 - (now - last) % 1000;
		if (wait > seconds - (now - t0))
			wait = seconds - (now - t0);
		if (poll(&pfd, 1, (int)wait) == 1 &&
		    (sig = sig_read(sigfd)) == SIGCHLD)
			sig = 0;
		if (session_failed(s, err, sizeof(err))) {
			session_stop(s);
			warnx("%s", err);
			return (2);
		}
		if ((now = clock_ms()) - last < 1000 && sig == 0 &&
		    now - t0 < seconds)
			continue;
		session_sample(s, &cur);
		free_rates(&cur, &prev, (double)(now - last) / 1000, line,
		    sizeof(line));
		printf("%.1f s: %s\n", (double)(now - t0) / 1000, line);
		fflush(stdout);
		memcpy(&prev, &cur, sizeof(prev));
		last = now;
	}
	session_sample(s, &cur);
	printf("free: %.1f s, %lu items produced, %lu consumed\n",
	    (double)(clock_ms() - t0) / 1000, cur.produced, cur.consumed);
	fflush(stdout);
	session_stop(s);
	return (sig != 0 ? 128 + sig : 0);
}
