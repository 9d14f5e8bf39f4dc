/*
 * Settling. With a scripted sampler: what a pass sees is written by hand,
 * so the rule itself is tested (two identical quiet passes in a row, the
 * granted worker moved, the deadline). With the real one, against real
 * processes: asleep in the kernel is still, on the CPU is not.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/settle.h"
#include "suites.h"

/* What the sampler reports on one pass. */
struct pass {
	bool		quiet;
	unsigned long	sig;		/* every worker's signature */
	int		odd;		/* this worker differs (0: none) */
	unsigned long	odd_sig;	/* ... with this signature */
	bool		odd_noisy;	/* ... or is not still */
};

struct script {
	const struct board	*b;
	const struct pass	*p;
	int			 n;
	int			 passes;	/* begun so far */
};

static struct board	board;

/* The pass under way; past the script's end, its last pass again. */
static const struct pass *
current(const struct script *sc)
{
	int	i = sc->passes < sc->n ? sc->passes - 1 : sc->n - 1;

	return (&sc->p[i < 0 ? 0 : i]);
}

static bool
fake_still(const struct board_worker *bw, void *arg)
{
	struct script		*sc = arg;
	const struct pass	*p;

	if (bw == &sc->b->w[0])
		sc->passes++;	/* each pass starts with worker 0 */
	p = current(sc);
	if (p->odd != 0 && bw == &sc->b->w[p->odd] && p->odd_noisy)
		return (false);
	return (p->quiet);
}

static unsigned long
fake_signature(const struct board_worker *bw, void *arg)
{
	struct script		*sc = arg;
	const struct pass	*p = current(sc);

	if (p->odd != 0 && bw == &sc->b->w[p->odd] && !p->odd_noisy)
		return (p->odd_sig);
	return (p->sig);
}

/* Run settle on a script; returns what it returned, passes in *passes. */
static int
run(const struct pass *p, int n, int granted, unsigned long before, int ms,
    int *passes)
{
	struct script		sc = { &board, p, n, 0 };
	struct settle_sampler	sm = { fake_still, fake_signature, &sc };
	int			r;

	r = settle(&board, &sm, granted, before, ms);
	*passes = sc.passes;
	return (r);
}

START_TEST(identical_quiet_passes_settle)
{
	static const struct pass	p[] = { { true, 5, 0, 0, false } };
	int				n;

	memset(&board, 0, sizeof(board));
	ck_assert_int_eq(run(p, 1, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(different_quiet_passes_do_not)
{
	static const struct pass	p[] = {
		{ true, 5, 0, 0, false },
		{ true, 6, 0, 0, false },	/* quiet, but someone moved */
		{ true, 6, 0, 0, false },
	};
	static const struct pass	one[] = {
		{ true, 5, 0, 0, false },
		{ true, 5, 9, 1, false },	/* only worker 9 moved */
		{ true, 5, 9, 1, false },
		{ true, 5, 9, 1, false },
	};
	static const struct pass	last[] = {
		{ true, 5, WORKERS_MAX - 1, 7, false },	/* the last worker */
		{ true, 5, 0, 0, false },
		{ true, 5, 0, 0, false },
	};
	int				n;

	memset(&board, 0, sizeof(board));
	ck_assert_int_eq(run(p, 3, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(run(one, 4, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 3);
	/* The last worker counts as much as the first. */
	ck_assert_int_eq(run(last, 3, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 3);
}
END_TEST

START_TEST(noisy_pass_starts_again)
{
	static const struct pass	p[] = {
		{ true, 5, 0, 0, false },
		{ false, 5, 0, 0, false },	/* someone on the CPU */
		{ true, 5, 0, 0, false },
		{ true, 5, 0, 0, false },
	};
	static const struct pass	one[] = {
		{ true, 5, 0, 0, false },
		{ true, 5, WORKERS_MAX - 1, 0, true },	/* the last one is */
		{ true, 5, 0, 0, false },
		{ true, 5, 0, 0, false },
	};
	int				n;

	memset(&board, 0, sizeof(board));
	ck_assert_int_eq(run(p, 4, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(run(one, 4, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 4);
}
END_TEST

START_TEST(granted_must_move)
{
	static const struct pass	p[] = { { true, 5, 0, 0, false } };
	long				t0;
	int				n;

	memset(&board, 0, sizeof(board));
	/* Granted, still waiting for a permit with the steps it had: its
	 * permit is not taken yet, however quiet the rest is. */
	board.w[3].status = WS_WAIT_PERMIT;
	board.w[3].steps = 7;
	t0 = unit_now_ms();
	ck_assert_int_eq(run(p, 1, 3, 7, 100, &n), -1);
	ck_assert_int_ge(unit_now_ms() - t0, 100);
	/* Another worker's grant: worker 3 waiting is fine. */
	ck_assert_int_eq(run(p, 1, 2, 7, 1000, &n), 0);
	ck_assert_int_eq(run(p, 1, -1, 0, 1000, &n), 0);
	/* It took the step and waits for the next permit: moved. */
	board.w[3].steps = 8;
	ck_assert_int_eq(run(p, 1, 3, 7, 1000, &n), 0);
	ck_assert_int_eq(n, 2);
	/* It is in the step (asleep in the call, says the sampler): moved. */
	board.w[3].steps = 7;
	board.w[3].status = WS_IN_STEP;
	ck_assert_int_eq(run(p, 1, 3, 7, 1000, &n), 0);
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(deadline)
{
	static const struct pass	p[] = { { false, 5, 0, 0, false } };
	static const struct pass	moving[] = {
		{ true, 1, 0, 0, false }, { true, 2, 0, 0, false },
		{ true, 3, 0, 0, false }, { true, 4, 0, 0, false },
		{ true, 5, 0, 0, false }, { true, 6, 0, 0, false },
		{ true, 7, 0, 0, false }, { true, 8, 0, 0, false },
	};
	long				t0, dt;
	int				n;

	memset(&board, 0, sizeof(board));
	t0 = unit_now_ms();
	ck_assert_int_eq(run(p, 1, -1, 0, 150, &n), -1);
	dt = unit_now_ms() - t0;
	ck_assert_msg(dt >= 150 && dt < 2000, "gave up after %ld ms", dt);
	ck_assert_int_gt(n, 2);
	/* Quiet passes that keep changing: settled only once two agree
	 * (the script stays on its last pass). */
	ck_assert_int_eq(run(moving, 8, -1, 0, 1000, &n), 0);
	ck_assert_int_eq(n, 9);
}
END_TEST

/* The real sampler, on a child in the state the test wants. */
static pid_t
child(int what)
{
	pid_t	pid;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (what == 'S')
			for (;;)
				pause();
		if (what == 'R')
			for (;;)
				continue;
		_exit(0);
	}
	return (pid);
}

static bool
is_zombie(void *arg)
{
	return (unit_proc_state(*(pid_t *)arg) == 'Z');
}

START_TEST(proc_sampler)
{
	pid_t	pid;

	memset(&board, 0, sizeof(board));
	/* Nobody on the board: settled at once. */
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 1000), 0);

	/* Asleep in pause(): settles once it is off the CPU. */
	pid = child('S');
	board.w[4].pid = pid;
	board.w[4].status = WS_IN_STEP;
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 2000), 0);
	ck_assert_int_eq(unit_proc_state(pid), 'S');
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* Gone for good: still. */
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 1000), 0);

	/* On the CPU for ever: never settles. */
	pid = child('R');
	board.w[4].pid = pid;
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 200), -1);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);

	/* Dead, not yet reaped: still. */
	pid = child('Z');
	board.w[4].pid = pid;
	ck_assert(unit_poll(is_zombie, &pid, 2000));
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 1000), 0);

	/* Forked, not yet at its first step: not still, whatever /proc says. */
	board.w[4].status = WS_STARTING;
	ck_assert_int_eq(settle(&board, &settle_proc, -1, 0, 100), -1);
	waitpid(pid, NULL, 0);
}
END_TEST

Suite *
suite_settle(void)
{
	Suite	*s = suite_create("settle");
	TCase	*tc = tcase_create("rule");
	TCase	*proc = tcase_create("proc");

	tcase_add_test(tc, identical_quiet_passes_settle);
	tcase_add_test(tc, different_quiet_passes_do_not);
	tcase_add_test(tc, noisy_pass_starts_again);
	tcase_add_test(tc, granted_must_move);
	tcase_add_test(tc, deadline);
	suite_add_tcase(s, tc);
	tcase_set_timeout(proc, 20);
	tcase_add_test(proc, proc_sampler);
	suite_add_tcase(s, proc);
	return (s);
}
