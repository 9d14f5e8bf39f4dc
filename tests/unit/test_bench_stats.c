/*
 * The bench's statistics: medians of the repeats, the p99 of round trips
 * (nearest rank), the spread that warns, and --sizes / --seconds parsing,
 * plus item_intact, which checks every item the bench moves.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/bench.h"
#include "ipcscope/item.h"
#include "ipcscope/snapshot.h"
#include "suites.h"
#include "../../src/bench/bench_int.h"

START_TEST(median_odd_even)
{
	double	odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };

	ck_assert_double_eq(stat_median(odd, 3), 3);
	ck_assert_double_eq(stat_median(even, 4), 2.5);
	ck_assert_double_eq(stat_median(one, 1), 7);
	ck_assert_double_eq(stat_median(NULL, 0), 0);
	/* Sorted in place: min and max are the ends. */
	ck_assert_double_eq(odd[0], 1);
	ck_assert_double_eq(odd[2], 5);
}
END_TEST

START_TEST(p99_nearest_rank)
{
	double	v[200];
	int	i;

	/* 1..100 shuffled: p99 is 99, p50 is 50, p100 is 100. */
	for (i = 0; i < 100; i++)
		v[i] = (double)((i * 37) % 100 + 1);
	ck_assert_double_eq(stat_quantile(v, 100, 0.99), 99);
	ck_assert_double_eq(stat_quantile(v, 100, 0.5), 50);
	ck_assert_double_eq(stat_quantile(v, 100, 1), 100);
	/* 1..200: the 198th value. */
	for (i = 0; i < 200; i++)
		v[i] = (double)(200 - i);
	ck_assert_double_eq(stat_quantile(v, 200, 0.99), 198);
	/* Fewer than 100 samples: p99 is the largest. */
	for (i = 0; i < 10; i++)
		v[i] = (double)i;
	ck_assert_double_eq(stat_quantile(v, 10, 0.99), 9);
	ck_assert_double_eq(stat_quantile(v, 0, 0.99), 0);
}
END_TEST

START_TEST(spread_warns)
{
	ck_assert_double_eq(stat_spread(100, 90, 110), 0.2);
	ck_assert(stat_spread(100, 90, 110) <= STAT_SPREAD_WARN);
	ck_assert(stat_spread(100, 60, 110) > STAT_SPREAD_WARN);
	ck_assert_double_eq(stat_spread(0, 0, 5), 0);
}
END_TEST

START_TEST(sizes_parse)
{
	size_t	s[8];
	char	why[256];

	ck_assert_int_eq(bench_sizes_arg("--sizes", "64,1K,8KiB,64k", s, 8,
	    why, sizeof(why)), 0);
	ck_assert_uint_eq(s[0], 64);
	ck_assert_uint_eq(s[1], 1024);
	ck_assert_uint_eq(s[2], 8192);
	ck_assert_uint_eq(s[3], 65536);
	ck_assert_uint_eq(s[4], 0);
	ck_assert_int_eq(bench_sizes_arg("--sizes", "0", s, 8, why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "too small; allowed: 16..65536"));
	ck_assert_int_eq(bench_sizes_arg("--sizes", "1G", s, 8, why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "too large"));
	ck_assert_int_eq(bench_sizes_arg("--sizes", "64,,1K", s, 8, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(bench_sizes_arg("--sizes", "1x", s, 8, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(bench_sizes_arg("--sizes", "8", s, 8, why,
	    sizeof(why)), -1);
}
END_TEST

START_TEST(seconds_parse)
{
	double	v = 0;
	char	why[256];

	ck_assert_int_eq(bench_seconds_arg("--seconds", "0.05", &v, why,
	    sizeof(why)), 0);
	ck_assert_double_eq(v, 0.05);
	ck_assert_int_eq(bench_seconds_arg("--seconds", "-1", &v, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(bench_seconds_arg("--seconds", "1s", &v, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(bench_seconds_arg("--seconds", "", &v, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(bench_seconds_arg("--seconds", "nan", &v, why,
	    sizeof(why)), -1);
}
END_TEST

START_TEST(intact_items)
{
	unsigned char	buf[8192];
	struct item	it = { .seq = 42, .producer = 1 };
	size_t		sizes[] = { 16, 64, 1024, 8192 };
	size_t		i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		item_encode(&it, buf, sizes[i]);
		ck_assert(item_intact(buf, sizes[i], &it));
		/* One byte changed anywhere: not intact. */
		buf[sizes[i] - 1] ^= 1;
		ck_assert(!item_intact(buf, sizes[i], &it));
		buf[sizes[i] - 1] ^= 1;
		buf[3] ^= 1;
		ck_assert(!item_intact(buf, sizes[i], &it));
	}
}
END_TEST

/* The bench's plain items: header and filler, no text, checked as such;
 * a wrong number, a wrong producer or one filler byte is not intact. */
START_TEST(intact_plain_items)
{
	unsigned char	buf[8192];
	struct item	it = { .seq = 42, .producer = 1 }, other = it;
	size_t		sizes[] = { 16, 64, 1024, 8192 };
	size_t		i, at;

	item_plain = 1;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		item_encode(&it, buf, sizes[i]);
		for (at = ITEM_WIRE_HDR; at < sizes[i]; at++)
			ck_assert_int_eq(buf[at], '.');
		ck_assert(item_intact(buf, sizes[i], &it));
		other.seq = 43;
		ck_assert(!item_intact(buf, sizes[i], &other));
		other = it;
		other.producer = 2;
		ck_assert(!item_intact(buf, sizes[i], &other));
		other = it;
		buf[sizes[i] / 2 + 4] ^= 1;
		ck_assert(!item_intact(buf, sizes[i], &it));
		buf[sizes[i] / 2 + 4] ^= 1;
	}
	item_plain = 0;
}
END_TEST

/* The observer's kernel reads: the System V objects of the snapshot (not
 * a POSIX semaphore) and the /proc files of its live workers only, each
 * kept open until closed. */
START_TEST(kernel_reads_of_snapshot)
{
	static struct snapshot	snap;
	struct kernel_reads	kr;
	int			f, fd;

	memset(&snap, 0, sizeof(snap));
	snap.nobjects = 3;
	snap.objects[0].kind = OBJ_SHM;
	snap.objects[0].u.shm.id = 7;
	snap.objects[1].kind = OBJ_SEM;
	snap.objects[1].u.sem.id = 8;
	snap.objects[1].u.sem.nsems = 3;
	snap.objects[2].kind = OBJ_SEM;
	snap.objects[2].u.sem.posix = true;
	snap.objects[2].u.sem.id = 99;
	snap.nworkers = 2;
	snap.workers[0].pid = getpid();
	snap.workers[0].alive = false;
	snap.workers[1].pid = getpid();
	snap.workers[1].alive = true;
	kernel_reads_open(&kr, &snap);
	ck_assert_int_eq(kr.shmid, 7);
	ck_assert_int_eq(kr.semid, 8);
	ck_assert_int_eq(kr.nsems, 3);
	ck_assert_int_eq(kr.nproc, 1);
	for (f = 0; f < KR_FILES; f++)
		ck_assert_int_ne(fcntl(kr.fd[0][f], F_GETFD), -1);
	kernel_reads_do(&kr);
	fd = kr.fd[0][0];
	kernel_reads_close(&kr);
	ck_assert_int_eq(kr.nproc, 0);
	ck_assert_int_eq(fcntl(fd, F_GETFD), -1);
}
END_TEST

Suite *
suite_bench_stats(void)
{
	Suite	*s = suite_create("bench_stats");
	TCase	*tc = tcase_create("stats");

	tcase_add_test(tc, median_odd_even);
	tcase_add_test(tc, p99_nearest_rank);
	tcase_add_test(tc, spread_warns);
	tcase_add_test(tc, sizes_parse);
	tcase_add_test(tc, seconds_parse);
	tcase_add_test(tc, intact_items);
	tcase_add_test(tc, intact_plain_items);
	tcase_add_test(tc, kernel_reads_of_snapshot);
	suite_add_tcase(s, tc);
	return (s);
}
