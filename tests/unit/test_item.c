/* Items on the wire: what a producer writes is what a consumer reads. */
#include <string.h>

#include "ipcscope/item.h"
#include "suites.h"

START_TEST(roundtrip)
{
	struct item	in = { .seq = 123456, .producer = 7, .mtype = 3,
			    .marks = 0x0302 }, out;
	unsigned char	buf[64];

	item_encode(&in, buf, sizeof(buf));
	memset(&out, 0xff, sizeof(out));
	ck_assert_int_eq(item_decode(buf, sizeof(buf), &out), 0);
	ck_assert_uint_eq(out.seq, 123456);
	ck_assert_uint_eq(out.producer, 7);
	ck_assert_uint_eq(out.mtype, 3);
	ck_assert_uint_eq(out.marks, 0x0302);
}
END_TEST

START_TEST(readable_text_and_padding)
{
	struct item	in = { .seq = 42, .producer = 2 };
	unsigned char	buf[40];
	const char	*text = "item 42 from P2";

	item_encode(&in, buf, sizeof(buf));
	/* A class looking at the bytes (od, the slot view) can read them. */
	ck_assert_mem_eq(buf + ITEM_WIRE_HDR, text, strlen(text));
	ck_assert_uint_eq(buf[ITEM_WIRE_HDR + strlen(text)], '.');
	ck_assert_uint_eq(buf[sizeof(buf) - 1], '.');
}
END_TEST

START_TEST(text_truncated_to_size)
{
	struct item	in = { .seq = 99999, .producer = 8 }, out;
	unsigned char	buf[ITEM_WIRE_HDR + 6 + 4];

	memset(buf, 'X', sizeof(buf));
	item_encode(&in, buf, ITEM_WIRE_HDR + 6);
	ck_assert_mem_eq(buf + ITEM_WIRE_HDR, "item 9", 6);
	/* Not one byte past the size it was given. */
	ck_assert_mem_eq(buf + ITEM_WIRE_HDR + 6, "XXXX", 4);
	ck_assert_int_eq(item_decode(buf, ITEM_WIRE_HDR + 6, &out), 0);
	ck_assert_uint_eq(out.seq, 99999);
}
END_TEST

START_TEST(too_small_for_header)
{
	struct item	in = { .seq = 1, .producer = 1 }, out = { 0 };
	unsigned char	buf[ITEM_WIRE_HDR];

	memset(buf, 'X', sizeof(buf));
	item_encode(&in, buf, ITEM_WIRE_HDR - 1);
	ck_assert_mem_eq(buf, "...........X", ITEM_WIRE_HDR);
	ck_assert_int_eq(item_decode(buf, ITEM_WIRE_HDR - 1, &out), -1);
	ck_assert_int_eq(item_decode(buf, 0, &out), -1);
	ck_assert_uint_eq(out.seq, 0);
}
END_TEST

Suite *
suite_item(void)
{
	Suite	*s = suite_create("item");
	TCase	*tc = tcase_create("wire");

	tcase_add_test(tc, roundtrip);
	tcase_add_test(tc, readable_text_and_padding);
	tcase_add_test(tc, text_truncated_to_size);
	tcase_add_test(tc, too_small_for_header);
	suite_add_tcase(s, tc);
	return (s);
}
