/* Items on the wire: what a producer writes is what a consumer reads. */
#include <stdint.h>
#include <stdio.h>
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

/* The text is written by hand (it is on the bench's hot path): byte for
 * byte what snprintf's "item %u from P%u" makes, at the edges of both. */
START_TEST(text_as_printf_makes_it)
{
	static const uint32_t	seqs[] = { 0, 1, 9, 10, 99, 100, 12345,
	    999999999, 1000000000, UINT32_MAX };
	static const uint16_t	prods[] = { 0, 1, 9, 10, 255, 65535 };
	struct item		it = { 0 };
	unsigned char		buf[ITEM_WIRE_HDR + 40];
	char			want[40];
	size_t			i, j, n;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		for (j = 0; j < sizeof(prods) / sizeof(prods[0]); j++) {
			it.seq = seqs[i];
			it.producer = prods[j];
			n = (size_t)snprintf(want, sizeof(want),
			    "item %u from P%u", it.seq, (unsigned)it.producer);
			item_encode(&it, buf, sizeof(buf));
			ck_assert_mem_eq(buf + ITEM_WIRE_HDR, want, n);
			ck_assert_uint_eq(buf[ITEM_WIRE_HDR + n], '.');
			ck_assert(item_intact(buf, sizeof(buf), &it));
		}
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
	tcase_add_test(tc, text_as_printf_makes_it);
	suite_add_tcase(s, tc);
	return (s);
}
