/*
 * The auditor against logs written by hand: what the consumers took, in
 * the order they took it, and what it must count.
 */
#include <stdlib.h>
#include <string.h>

#include "ipcscope/audit.h"
#include "suites.h"

static struct consumed	log_[CONSUMED_MAX + 8];
static uint32_t		nlog;
static struct snap_audit a;

/* Append "producer p's item seq, taken by consumer c". */
static void
took(unsigned p, uint32_t seq, unsigned c)
{
	ck_assert_uint_lt(nlog, sizeof(log_) / sizeof(log_[0]));
	log_[nlog].seq = seq;
	log_[nlog].producer = (uint16_t)p;
	log_[nlog].consumer = (uint16_t)c;
	nlog++;
}

static void
audit(uint32_t next_seq, bool mailbox)
{
	/* Poison: the auditor must fill every count itself. */
	memset(&a, 0xa5, sizeof(a));
	audit_log(log_, nlog, next_seq, mailbox, &a);
}

static void
expect(unsigned long taken, unsigned long dup, unsigned long ooo,
    unsigned long unknown)
{
	ck_assert_msg(a.taken == taken && a.duplicates == dup &&
	    a.out_of_order == ooo && a.unknown == unknown,
	    "taken %lu duplicates %lu out of order %lu unknown %lu, "
	    "want %lu %lu %lu %lu", a.taken, a.duplicates, a.out_of_order,
	    a.unknown, taken, dup, ooo, unknown);
}

static void
reset(void)
{
	memset(log_, 0, sizeof(log_));
	nlog = 0;
}

START_TEST(clean_exchange)
{
	uint32_t	seq;

	reset();
	audit(0, false);
	expect(0, 0, 0, 0);
	/* Two producers interleaved, two consumers: nothing wrong. */
	for (seq = 1; seq <= 10; seq++)
		took(seq % 2 + 1, seq, seq % 3 == 0 ? 2 : 1);
	audit(10, false);
	expect(10, 0, 0, 0);
	audit(10, true);
	expect(10, 0, 0, 0);
}
END_TEST

START_TEST(duplicates)
{
	reset();
	took(1, 1, 1);
	took(1, 2, 1);
	took(1, 2, 2);		/* item 2 again, by another consumer */
	took(1, 3, 1);
	audit(3, false);
	/* Taken again right after itself: also not after its predecessor. */
	expect(4, 1, 1, 0);
	/* In mailbox mode the second 2 is in another mailbox: in order there. */
	audit(3, true);
	expect(4, 1, 0, 0);

	/* Taken again much later, with the producer's order intact around. */
	reset();
	took(1, 1, 1);
	took(2, 2, 1);
	took(1, 3, 1);
	took(2, 4, 1);
	took(3, 1, 1);		/* item 1 again, as if from producer 3 */
	audit(4, false);
	expect(5, 1, 0, 0);

	/* Three times is two duplicates. */
	reset();
	took(1, 5, 1);
	took(2, 5, 2);
	took(3, 5, 3);
	audit(5, false);
	expect(3, 2, 0, 0);
}
END_TEST

START_TEST(out_of_order)
{
	reset();
	took(1, 2, 1);
	took(1, 1, 1);		/* P1's 1 after its 2 */
	audit(2, false);
	expect(2, 0, 1, 0);

	/* Producers interleave freely: order is per producer. */
	reset();
	took(2, 3, 1);
	took(1, 1, 1);
	took(2, 4, 2);
	took(1, 2, 1);
	audit(4, false);
	expect(4, 0, 0, 0);

	/* Each step back counts once; compared with the item just before. */
	reset();
	took(1, 1, 1);
	took(1, 5, 1);
	took(1, 3, 1);		/* back */
	took(1, 4, 1);		/* forward again from 3 */
	took(1, 2, 1);		/* back */
	audit(5, false);
	expect(5, 0, 2, 0);
}
END_TEST

START_TEST(per_mailbox)
{
	/* P1's items 1 and 3 go to C1, 2 and 4 to C2; C2 reads first. */
	reset();
	took(1, 2, 2);
	took(1, 4, 2);
	took(1, 1, 1);
	took(1, 3, 1);
	audit(4, true);
	expect(4, 0, 0, 0);
	/* Without mailboxes the queue is one FIFO: 1 after 4 is wrong. */
	audit(4, false);
	expect(4, 0, 1, 0);

	/* Within one mailbox the order still holds. */
	reset();
	took(1, 3, 1);
	took(1, 1, 1);
	took(1, 2, 2);
	audit(3, true);
	expect(3, 0, 1, 0);
}
END_TEST

START_TEST(unknown_numbers)
{
	reset();
	took(1, 0, 1);		/* never numbered */
	took(1, 1, 1);
	took(1, 3, 1);		/* beyond the last number given out */
	took(0, 2, 1);		/* from no producer */
	took(1, 2, 1);		/* the last number given out: fine */
	audit(2, false);
	expect(5, 0, 0, 3);

	/* A torn item counts as nothing else: not a duplicate of another
	 * torn one, not out of order. */
	reset();
	took(1, 5, 1);
	took(1, 9, 1);
	took(1, 9, 1);
	took(1, 0, 1);
	took(1, 0, 1);
	audit(5, false);
	expect(5, 0, 0, 4);
}
END_TEST

START_TEST(log_overflow)
{
	uint32_t	i;

	/* More taken than the log holds: the count says so, only the log
	 * is audited. What lies past it must not be read. */
	reset();
	for (i = 1; i <= CONSUMED_MAX; i++)
		took(1, i, 1);
	took(1, 1, 1);		/* past the log: a duplicate if read */
	took(0, 0, 1);		/* past the log: unknown if read */
	nlog = CONSUMED_MAX + 5;
	audit(CONSUMED_MAX + 5, false);
	expect(CONSUMED_MAX + 5, 0, 0, 0);

	/* The last entry the log holds is audited. */
	log_[CONSUMED_MAX - 1].seq = 1;
	audit(CONSUMED_MAX + 5, false);
	expect(CONSUMED_MAX + 5, 1, 1, 0);
}
END_TEST

START_TEST(no_state_between_calls)
{
	reset();
	took(1, 1, 1);
	took(1, 2, 1);
	audit(2, false);
	expect(2, 0, 0, 0);
	/* The same log again: what the first call saw is forgotten. */
	audit(2, false);
	expect(2, 0, 0, 0);
}
END_TEST

START_TEST(ids_without_bound)
{
	/* Producer ids grow as P and k are pressed: P64 and P1000 are
	 * producers like P1, their items checked as any. */
	reset();
	took(64, 2, 1);
	took(64, 1, 1);
	took(1000, 4, 1);
	took(1000, 3, 1);
	took(65535, 6, 1);
	took(65535, 5, 1);
	audit(6, false);
	expect(6, 0, 3, 0);

	/* So do consumer ids: C17 and C18 have a mailbox each, and 2 before
	 * 1 is in order when they are in different ones. */
	reset();
	took(1, 2, WORKERS_MAX + 2);
	took(1, 1, WORKERS_MAX + 1);
	audit(2, true);
	expect(2, 0, 0, 0);
	audit(2, false);
	expect(2, 0, 1, 0);
}
END_TEST

START_TEST(numbers_without_bound)
{
	/* Items lost with killed workers still use up numbers: a duplicate
	 * is one however high its number. */
	reset();
	took(1, 100000, 1);
	took(2, 100000, 2);
	took(1, 4000000000u, 1);
	took(2, 4000000000u, 1);
	audit(4000000000u, false);
	expect(4, 2, 0, 0);
}
END_TEST

/* lost: the gone items (board->gone) that no consumer took. */
static uint32_t	gone_[GONE_MAX + 8];
static uint32_t	ngone;

static unsigned long
lost(void)
{
	audit(0xffffffffu, false);
	a.lost = 0xa5a5;	/* poison: audit_lost must set it */
	audit_lost(gone_, ngone, log_, nlog, &a);
	return (a.lost);
}

START_TEST(lost_overwritten)
{
	reset();
	ngone = 0;
	ck_assert_uint_eq(lost(), 0);
	/* P2 wrote item 2 over item 1; a consumer took 2: 1 is lost. */
	gone_[ngone++] = 1;
	took(2, 2, 1);
	ck_assert_uint_eq(lost(), 1);
	/* The other counts are audit_log's, untouched. */
	ck_assert_uint_eq(a.duplicates, 0);
	ck_assert_uint_eq(a.taken, 1);
}
END_TEST

START_TEST(lost_not_in_flight)
{
	/* Items numbered but still in the buffer or carried are not gone:
	 * nothing in gone, nothing lost, however many were numbered. */
	reset();
	ngone = 0;
	took(1, 1, 1);
	audit(9, false);
	audit_lost(gone_, ngone, log_, nlog, &a);
	ck_assert_uint_eq(a.lost, 0);
}
END_TEST

START_TEST(lost_but_taken)
{
	/* Gone, yet a consumer took it (a consumer killed after its read
	 * was logged): taken, so not lost. Gone twice counts once; 0 is no
	 * item. */
	reset();
	ngone = 0;
	took(1, 3, 1);
	gone_[ngone++] = 3;
	gone_[ngone++] = 4;
	gone_[ngone++] = 4;
	gone_[ngone++] = 0;
	ck_assert_uint_eq(lost(), 1);
}
END_TEST

START_TEST(lost_overflow)
{
	uint32_t	i;

	/* Past GONE_MAX only the first GONE_MAX are kept and counted. */
	reset();
	for (ngone = 0, i = 1; i <= GONE_MAX + 5; i++)
		gone_[ngone++] = i;
	ck_assert_uint_eq(lost(), GONE_MAX);
}
END_TEST

Suite *
suite_audit(void)
{
	Suite	*s = suite_create("audit");
	TCase	*tc = tcase_create("log");

	tcase_add_test(tc, clean_exchange);
	tcase_add_test(tc, duplicates);
	tcase_add_test(tc, out_of_order);
	tcase_add_test(tc, per_mailbox);
	tcase_add_test(tc, unknown_numbers);
	tcase_add_test(tc, log_overflow);
	tcase_add_test(tc, no_state_between_calls);
	tcase_add_test(tc, ids_without_bound);
	tcase_add_test(tc, numbers_without_bound);
	tcase_add_test(tc, lost_overwritten);
	tcase_add_test(tc, lost_not_in_flight);
	tcase_add_test(tc, lost_but_taken);
	tcase_add_test(tc, lost_overflow);
	suite_add_tcase(s, tc);
	return (s);
}
