/* The log's sentences: %S and %I filled in, never past the buffer. */
#include <string.h>

#include "ipcscope/event.h"
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

Suite *
suite_event(void)
{
	Suite	*s = suite_create("event");
	TCase	*tc = tcase_create("sentences");

	tcase_add_test(tc, expand_slot_and_item);
	tcase_add_test(tc, expand_other_percents_kept);
	tcase_add_test(tc, expand_truncates);
	tcase_add_test(tc, append_sentences);
	suite_add_tcase(s, tc);
	return (s);
}
