/* The JSON writer: escaping, nesting and commas, byte for byte. */
#include <stdio.h>
#include <stdlib.h>

#include "ipcscope/json.h"
#include "suites.h"

static char	*out;
static size_t	 outlen;

static FILE *
mem(void)
{
	FILE	*f;

	f = open_memstream(&out, &outlen);
	ck_assert_ptr_nonnull(f);
	return (f);
}

/* Close the stream and compare what was written. */
static void
expect(FILE *f, const char *want)
{
	fclose(f);
	ck_assert_str_eq(out, want);
	free(out);
	out = NULL;
}

START_TEST(escaping)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_str(&j, "q", "say \"hi\"");
	json_str(&j, "b", "C:\\dir");
	json_str(&j, "n", "two\nlines");
	json_str(&j, "c", "tab\there\001\037");
	json_str(&j, "u", "caf\xc3\xa9 \xe2\x96\xb6");
	json_str(&j, "k\"ey", "v");
	json_str(&j, "null", NULL);
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"q\":\"say \\\"hi\\\"\",\"b\":\"C:\\\\dir\","
	    "\"n\":\"two\\nlines\",\"c\":\"tab\\u0009here\\u0001\\u001f\","
	    "\"u\":\"caf\xc3\xa9 \xe2\x96\xb6\",\"k\\\"ey\":\"v\","
	    "\"null\":null}\n");
}
END_TEST

/* Bytes that are not UTF-8 (a path from the environment) come out as C
 * escapes, so the line stays valid JSON; valid sequences pass as they are. */
START_TEST(invalid_utf8_escaped)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_str(&j, "p", "/run/\xff/x \xc3\xa9 \xc0\xaf \xed\xa0\x80 "
	    "\xf4\x90\x80\x80 \xe2\x82 \xf0\x9f\x98\x80");
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"p\":\"/run/\\\\377/x \xc3\xa9 \\\\300\\\\257 "
	    "\\\\355\\\\240\\\\200 \\\\364\\\\220\\\\200\\\\200 "
	    "\\\\342\\\\202 \xf0\x9f\x98\x80\"}\n");
}
END_TEST

START_TEST(nesting_and_commas)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_int(&j, "a", 1);
	json_arr(&j, "list");
	json_int(&j, NULL, -2);
	json_int(&j, NULL, 9223372036854775807LL);
	json_obj(&j, NULL);
	json_bool(&j, "t", true);
	json_bool(&j, "f", false);
	json_obj_end(&j);
	json_arr(&j, NULL);
	json_arr_end(&j);
	json_arr_end(&j);
	json_obj(&j, "empty");
	json_obj_end(&j);
	json_obj(&j, "deep");
	json_obj(&j, "er");
	json_null(&j, "x");
	json_obj_end(&j);
	json_str(&j, "after", "y");
	json_obj_end(&j);
	json_int(&j, "z", 0);
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"a\":1,\"list\":[-2,9223372036854775807,"
	    "{\"t\":true,\"f\":false},[]],\"empty\":{},"
	    "\"deep\":{\"er\":{\"x\":null},\"after\":\"y\"},\"z\":0}\n");
}
END_TEST

START_TEST(one_line_per_object)
{
	struct json	j;
	FILE		*f = mem();
	int		 i;

	/* The headless stream: each object starts afresh, no leading comma. */
	for (i = 0; i < 3; i++) {
		json_begin(&j, f);
		json_obj(&j, NULL);
		json_int(&j, "step", i);
		json_obj_end(&j);
		json_end(&j);
	}
	expect(f, "{\"step\":0}\n{\"step\":1}\n{\"step\":2}\n");
}
END_TEST

Suite *
suite_json(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("writer");

	tcase_add_test(tc, escaping);
	tcase_add_test(tc, invalid_utf8_escaped);
	tcase_add_test(tc, nesting_and_commas);
	tcase_add_test(tc, one_line_per_object);
	suite_add_tcase(s, tc);
	return (s);
}
