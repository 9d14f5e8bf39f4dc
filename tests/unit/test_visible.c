/* User text made fit for one line: escapes, never raw bytes, never cut in half. */
#include <locale.h>
#include <string.h>

#include "ipcscope/visible.h"
#include "suites.h"

START_TEST(control_bytes_become_escapes)
{
	ck_assert_str_eq(visible("1\n2"), "1\\n2");
	ck_assert_str_eq(visible("pipe\t"), "pipe\\t");
	ck_assert_str_eq(visible("\033[31mred"), "\\033[31mred");
	ck_assert_str_eq(visible("a\rb\x7f"), "a\\rb\\177");
	ck_assert_str_eq(visible("plain text, spaces kept"),
	    "plain text, spaces kept");
}
END_TEST

START_TEST(high_bytes_are_octal_in_any_locale)
{
	/* Invalid UTF-8, half a character and a whole one alike, even
	 * where libbsd would pass them raw without VIS_NOLOCALE. */
	setlocale(LC_CTYPE, "C.UTF-8");
	ck_assert_str_eq(visible("\xff"), "\\377");
	ck_assert_str_eq(visible("\xc3"), "\\303");
	ck_assert_str_eq(visible("\xc3\xa9"), "\\303\\251");
}
END_TEST

START_TEST(quotes_and_backslashes_escaped)
{
	/* So "..." around the result reads as a C string. */
	ck_assert_str_eq(visible("a\"b\\c"), "a\\\"b\\\\c");
	/* A whole message keeps its double quotes. */
	ck_assert_str_eq(visible_msg("dir \"x\ny\""), "dir \"x\\ny\"");
}
END_TEST

START_TEST(long_text_cut_between_escapes)
{
	char	in[VISIBLE_ARG_MAX + 2], want[4 * VISIBLE_ARG_MAX + 4];

	/* Exactly the limit: shown whole, no "...". */
	memset(in, 'x', VISIBLE_ARG_MAX);
	in[VISIBLE_ARG_MAX] = '\0';
	ck_assert_str_eq(visible(in), in);
	/* One byte more: the limit, then "...". */
	in[VISIBLE_ARG_MAX] = 'y';
	in[VISIBLE_ARG_MAX + 1] = '\0';
	memset(want, 'x', VISIBLE_ARG_MAX);
	strcpy(want + VISIBLE_ARG_MAX, "...");
	ck_assert_str_eq(visible(in), want);
	/* Every byte an escape: the cut never splits one ("\37" of "\377"). */
	memset(in, '\xff', VISIBLE_ARG_MAX + 1);
	in[VISIBLE_ARG_MAX + 1] = '\0';
	ck_assert_uint_eq(strlen(visible(in)), 4 * VISIBLE_ARG_MAX + 3);
	ck_assert_str_eq(visible(in) + 4 * (VISIBLE_ARG_MAX - 1), "\\377...");
}
END_TEST

START_TEST(ring_keeps_the_last_few)
{
	const char	*a, *b, *c, *d;

	a = visible("a\n");
	b = visible("b\n");
	c = visible("c\n");
	d = visible("d\n");
	/* One message may show VISIBLE_RING values at once. */
	ck_assert_str_eq(a, "a\\n");
	ck_assert_str_eq(b, "b\\n");
	ck_assert_str_eq(c, "c\\n");
	ck_assert_str_eq(d, "d\\n");
}
END_TEST

Suite *
suite_visible(void)
{
	Suite	*s = suite_create("visible");
	TCase	*tc = tcase_create("visible");

	tcase_add_test(tc, control_bytes_become_escapes);
	tcase_add_test(tc, high_bytes_are_octal_in_any_locale);
	tcase_add_test(tc, quotes_and_backslashes_escaped);
	tcase_add_test(tc, long_text_cut_between_escapes);
	tcase_add_test(tc, ring_keeps_the_last_few);
	suite_add_tcase(s, tc);
	return (s);
}
