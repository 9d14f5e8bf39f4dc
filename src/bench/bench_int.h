/*
 * What the bench's files share: a link (one transport's objects, its
 * board, a producer and a consumer slot), the shared counters its
 * processes report through, and the run's cells. Private to src/bench.
 */
#ifndef IPCSCOPE_BENCH_INT_H
#define IPCSCOPE_BENCH_INT_H

#include <signal.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcscope/bench.h"
#include "ipcscope/board.h"
#include "ipcscope/transport.h"
#include "ipcscope/worker.h"

/* One channel of transport t at one item size, made as the demo makes
 * it (run file, board, create), with free running set on its board. */
struct link {
	struct config	 cfg;		/* ch->cfg points here */
	struct board	*board;
	struct channel	*ch;
	int		 widx[2];	/* board slots, by enum role */
	bool		 made;		/* create() was called: destroy() */
};

/* What the processes of one measurement tell the parent (MAP_SHARED). */
#define RTT_MAX		(1 << 19)

/* Each side writes a cache line of its own: a line both write (or one
 * writes and the other polls) moves between the CPUs at every item. */
#define CACHE_LINE	64

struct shared {
	_Atomic int		ready;		/* processes set up */
	_Atomic int		measuring;	/* ping: keep samples now */
	_Atomic int		stop;
	/* The producer's: written once, when it stops. */
	alignas(CACHE_LINE) _Atomic unsigned long sent;	/* items, whole run */
	_Atomic int		prod_done;
	/* The consumer's: received once an item, read by the parent. */
	alignas(CACHE_LINE) _Atomic unsigned long received;
	_Atomic unsigned long	bad;		/* not intact (item_intact) */
	_Atomic unsigned long	disorder;	/* not the seq expected */
	alignas(CACHE_LINE) _Atomic unsigned long nrtt;
	uint32_t		rtt_ns[RTT_MAX];
};

/* The signal that stopped the run (Ctrl-C: SIGINT), or 0. */
extern volatile sig_atomic_t	bench_interrupted;

int	link_open(struct link *, const struct config *, const struct
	    transport *, size_t size, char *err, size_t errlen);
void	link_close(struct link *);
/* In the child: a worker of role on the link, the transport's open()
 * done; -1 if it failed. */
int	link_worker(struct link *, enum role, struct worker *);
/* Fork a measurement process that runs fn(arg) and exits; pinned to
 * cpu when cpu >= 0. Its pid, or -1. */
pid_t	bench_fork(void (*fn)(void *), void *arg, int cpu);
/* SIGKILL and reap them (n pids, -1 skipped). */
void	bench_reap(pid_t *, int n);
/* Wait until sh->ready reaches n or one of the pids has exited: 0, -1. */
int	bench_wait_ready(struct shared *, int n, pid_t *, int npids);
/* Sleep seconds, or less once Ctrl-C came: 0, or -1 when interrupted. */
int	bench_sleep(double seconds);
double	bench_now(void);
struct shared	*shared_map(void);
void		 shared_unmap(struct shared *);
/* The CPUs the two sides are pinned to (-1: not pinned), and the count. */
void	bench_cpus(bool pin, int cpu[2], int *ncpus);

/* One measurement of one transport at one size. */
struct tput {
	double		items_s;
	unsigned long	sent, received, bad, disorder;
	bool		verified;
};
int	measure_tput(const struct config *, const struct transport *, size_t,
	    const int cpu[2], struct tput *, char *err, size_t errlen);
/* Round trips: their median and p99 in ns. */
int	measure_ping(const struct config *, const struct transport *, size_t,
	    const int cpu[2], double *median, double *p99, char *err,
	    size_t errlen);
/* The machine: memcpy bytes/s at size, and spinning handoff items/s. */
double	measure_memcpy(size_t, double seconds);
int	measure_spin(size_t, double seconds, const int cpu[2], double *items_s);

/* 8 producers and 8 consumers free running: items/s unwatched, and
 * with a snapshot 30 times a second; then a frame's snapshot and the
 * kernel reads it cannot avoid, in turns: their median times in ns. */
struct observed {
	double	quiet, watched;		/* items/s */
	double	frame_ns, kernel_ns;	/* medians over the frames */
	int	frames;			/* timed of each */
};
int	measure_observer(const struct config *, struct observed *, char *err,
	    size_t errlen);
#define OBSERVER_DESC	"8 producers and 8 consumers of sysv-shm, free " \
	"running (--free), 64 B items"

/* The kernel reads of a frame of the observer's run (kernel_reads.c):
 * its System V objects' and each live worker's /proc files, kept open. */
#define KR_FILES	3
struct kernel_reads {
	int	shmid, semid, nsems;	/* -1: none */
	int	nproc;
	int	fd[WORKERS_MAX][KR_FILES];
};
struct snapshot;
void	kernel_reads_open(struct kernel_reads *, const struct snapshot *);
void	kernel_reads_do(struct kernel_reads *);
void	kernel_reads_close(struct kernel_reads *);
/* Where transport t may not carry size: 0 when it may, else -1 and why. */
int	bench_carries(const struct transport *, size_t, char *why, size_t);

/* The repeats of one figure, summed up. */
struct summary {
	double	median, min, max, spread;
	int	n;
};
void	summarize(const double *, int n, struct summary *);

/* One transport at one size, over the repeats. */
struct cell {
	const struct transport	*t;
	size_t			 size;
	bool			 carried;
	char			 why[256];	/* not carried, or what failed */
	bool			 failed;
	int			 n;		/* repeats done */
	double			 items_s[BENCH_REPEAT_MAX];
	double			 rtt[BENCH_REPEAT_MAX];	/* median, ns */
	double			 p99[BENCH_REPEAT_MAX];
	unsigned long		 sent, received, bad, disorder;
	bool			 verified;	/* every repeat so far */
	struct summary		 s_items, s_rtt, s_p99;
};

/* The machine at one size, over the repeats. */
struct machine {
	size_t		size;
	int		n;
	double		memcpy_bps[BENCH_REPEAT_MAX];
	double		spin_items[BENCH_REPEAT_MAX];
	struct summary	s_memcpy, s_spin;
};

struct bench_run {
	const struct config	*cfg;
	struct cell		*cells;
	int			 ncells;
	struct machine		 mach[BENCH_SIZES_MAX];
	int			 nsizes;
	int			 cpu[2], ncpus;
	char			 cpu_model[128];
	int			 repeats_done;
	bool			 interrupted;
	/* The observer: items/s alone and watched, per repeat. */
	int			 nobs;
	double			 obs_quiet[BENCH_REPEAT_MAX];
	double			 obs_watched[BENCH_REPEAT_MAX];
	struct summary		 s_quiet, s_watched;
	/* A frame's snapshot and its kernel reads, ns, per repeat. */
	double			 obs_frame[BENCH_REPEAT_MAX];
	double			 obs_kernel[BENCH_REPEAT_MAX];
	int			 obs_frames;	/* timed of each, all repeats */
	struct summary		 s_frame, s_kernel;
	char			 obs_error[256];
};

/* The outputs: table and chart, or one JSON object. */
void	report_text(FILE *, struct bench_run *);
void	report_json(FILE *, struct bench_run *);
/* The table's head, and one transport's row at one size. */
void	report_table_head(FILE *);
void	report_cell_row(FILE *, const struct bench_run *, const struct cell *);
/* Each transport's rows into its file (bench_figures_path), for the
 * screen's b; one line on stderr if they cannot be kept. */
void	figures_save(const struct bench_run *);
/* "64 B", "8 KiB". */
const char *size_words(size_t, char *, size_t);
/* The smallest size where sysv-shm moves more items/s than the pipe,
 * 0 when it does not within the sizes measured; -1 when one of them was
 * not measured at any size both carry. */
long	crossover(const struct bench_run *, char *sentence, size_t);
struct cell	*cell_at(const struct bench_run *, const char *t, size_t size);

#endif
