/*
 * The log's sentences: templates filled in, never past the buffer; and
 * narration, the facts a worker recorded turned into the snapshot's facts
 * and the sentence, from the phase texts.
 */
#include <errno.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/event.h"
#include "ipcscope/narrate.h"
#include "suites.h"

START_TEST(expand_slot_and_item)
{
	char	buf[128];

	event_expand(buf, sizeof(buf), "item %I goes into slot %S and in "
	    "moves on", 3, 17);
	ck_assert_str_eq(buf, "item 17 goes into slot 3 and in moves on");
	event_expand(buf, sizeof(buf), "%S%S%I", 1, 2);
	ck_assert_str_eq(buf, "112");
	event_expand(buf, sizeof(buf), "no slot: %S", -1, 0);
	ck_assert_str_eq(buf, "no slot: -1");
}
END_TEST

START_TEST(expand_other_percents_kept)
{
	char	buf[64];

	event_expand(buf, sizeof(buf), "100% full, %d %s %", 1, 2);
	ck_assert_str_eq(buf, "100% full, %d %s %");
	event_expand(buf, sizeof(buf), "%%S", 5, 0);
	ck_assert_str_eq(buf, "%5");
	event_expand(buf, sizeof(buf), "", 5, 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(expand_truncates)
{
	char	buf[16];

	memset(buf, 'X', sizeof(buf));
	event_expand(buf, 8, "slot %S!", 123, 0);
	/* Never half a number: it stops before one that does not fit. */
	ck_assert_str_eq(buf, "slot ");
	ck_assert_int_eq(buf[8], 'X');
	event_expand(buf, 6, "abcdefghij", 0, 0);
	ck_assert_str_eq(buf, "abcde");
	event_expand(buf, 1, "abc", 0, 0);
	ck_assert_str_eq(buf, "");
	buf[0] = 'Y';
	event_expand(buf, 0, "abc", 0, 0);
	ck_assert_int_eq(buf[0], 'Y');
}
END_TEST

START_TEST(append_sentences)
{
	char	buf[32] = "";

	event_append(buf, sizeof(buf), "P1 waits");
	ck_assert_str_eq(buf, "P1 waits");
	event_append(buf, sizeof(buf), "");
	event_append(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "P1 waits");
	event_append(buf, sizeof(buf), "C1 wakes up");
	ck_assert_str_eq(buf, "P1 waits. C1 wakes up");
	event_append(buf, sizeof(buf), "and this does not fit at all");
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
	ck_assert_str_eq(buf, "P1 waits. C1 wakes up. and this");
}
END_TEST

START_TEST(expand_bytes_and_ret)
{
	struct event_vars	v = { .slot = 2, .item = 9, .got = 40,
				      .want = 64, .ret = 24 };
	char			buf[128];

	event_expand_vars(buf, sizeof(buf), "got %G of %W bytes%H, then %R "
	    "(item %I, slot %S)", &v);
	ck_assert_str_eq(buf, "got 40 of 64 bytes of the item, then 24 (item "
	    "9, slot 2)");
	v.item = 0;
	event_expand_vars(buf, sizeof(buf), "got %G of %W bytes%H;", &v);
	ck_assert_str_eq(buf, "got 40 of 64 bytes;");
}
END_TEST

/* A transport of two phases, for narration. */
static const struct phase_info phases[] = {
	[0] = { "wait", "semop(empty, -1)", "a free slot is reserved",
	    "empty is 0: every slot is full" },
	[1] = { "read", "recv(sock)", "item %I comes out of slot %S",
	    "the socket is empty", .partial = "got %G of %W bytes%H",
	    .last = "got the last %R bytes: item %I is whole",
	    .eof = "it returns 0, end of file" },
};
static const struct transport fake = { .name = "fake", .phases = phases,
    .nphases = 2 };

static void
fact(struct board_worker *bw, int phase, int outcome, long ret, int err,
    int slot, uint32_t item, long got, long want)
{
	struct board_fact	*f = &bw->facts[bw->nfacts++];

	*f = (struct board_fact){ .phase = phase, .outcome = outcome,
	    .ret = ret, .err = err, .slot = slot, .item = item, .got = got,
	    .want = want };
}

/* Each outcome in its own words, the facts as data beside them. */
START_TEST(narrate_each_outcome)
{
	struct board_worker	bw;
	struct report		r;

	memset(&bw, 0, sizeof(bw));
	bw.role = ROLE_CONSUMER;
	bw.id = 2;
	fact(&bw, 0, FACT_DONE, 0, 0, -1, 0, 0, 0);
	fact(&bw, 1, FACT_PARTIAL, 40, 0, -1, 7, 40, 64);
	fact(&bw, 1, FACT_LAST_PART, 24, 0, 3, 7, 0, 0);
	fact(&bw, 1, FACT_EOF, 0, 0, -1, 0, 0, 0);
	fact(&bw, 0, FACT_FAILED, -1, EIDRM, -1, 0, 0, 0);
	report_clear(&r);
	narrate_calls(&r, &fake, &bw, false);
	ck_assert_str_eq(r.event, "C2 semop(empty, -1): a free slot is "
	    "reserved; recv(sock): got 40 of 64 bytes of the item; "
	    "recv(sock): got the last 24 bytes: item 7 is whole; recv(sock): "
	    "it returns 0, end of file; semop(empty, -1) failed: Identifier "
	    "removed");
	ck_assert_int_eq(r.nfacts, 5);
	ck_assert_str_eq(r.facts[0].worker, "C2");
	ck_assert_str_eq(r.facts[1].phase, "read");
	ck_assert_int_eq(r.facts[1].outcome, FACT_PARTIAL);
	ck_assert_int_eq(r.facts[1].got, 40);
	ck_assert_int_eq(r.facts[1].want, 64);
	ck_assert_int_eq(r.facts[2].slot, 3);
	ck_assert_int_eq(r.facts[2].ret, 24);
	ck_assert_int_eq(r.facts[4].err, EIDRM);
	ck_assert_int_eq(r.facts[4].ret, -1);
	ck_assert(!r.facts[4].woken);

	/* Woken by another's step; then asleep in its call. */
	report_clear(&r);
	bw.nfacts = 0;
	fact(&bw, 1, FACT_DONE, 0, 0, 1, 5, 0, 0);
	narrate_calls(&r, &fake, &bw, true);
	bw.phase = 0;
	bw.slot = -1;
	narrate_asleep(&r, &fake, &bw);
	ck_assert_str_eq(r.event, "C2 wakes up: recv(sock): item 5 comes out "
	    "of slot 1. C2 semop(empty, -1): empty is 0: every slot is full, "
	    "so the kernel puts C2 to sleep");
	ck_assert_int_eq(r.nfacts, 2);
	ck_assert(r.facts[0].woken);
	ck_assert_int_eq(r.facts[1].outcome, FACT_ASLEEP);
	/* No facts, no sentence. */
	report_clear(&r);
	bw.nfacts = 0;
	narrate_calls(&r, &fake, &bw, false);
	ck_assert_str_eq(r.event, "");
	ck_assert_int_eq(r.nfacts, 0);
}
END_TEST

Suite *
suite_event(void)
{
	Suite	*s = suite_create("event");
	TCase	*tc = tcase_create("sentences");

	tcase_add_test(tc, expand_slot_and_item);
	tcase_add_test(tc, expand_other_percents_kept);
	tcase_add_test(tc, expand_truncates);
	tcase_add_test(tc, append_sentences);
	tcase_add_test(tc, expand_bytes_and_ret);
	tcase_add_test(tc, narrate_each_outcome);
	suite_add_tcase(s, tc);
	return (s);
}
