/*
 * One line, always: strvisx(3) from libbsd encodes what the user gave us
 * before it goes into a message. VIS_NOLOCALE, because in a UTF-8 locale
 * libbsd passes invalid UTF-8 through raw; libbsd's strnvis is not used,
 * because 0.11.7 writes one byte past its bound and cuts escapes in half.
 */
#define LIBBSD_OPENBSD_VIS
#include <string.h>
#include <vis.h>

#include "ipcscope/visible.h"

#define VIS_FLAGS	(VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL | VIS_NOLOCALE)
#define ELLIPSIS	"..."

/* strvisx needs 4 bytes per input byte and the NUL. */
static char	arg_ring[VISIBLE_RING][4 * VISIBLE_ARG_MAX + sizeof(ELLIPSIS)];
static char	msg_buf[4 * VISIBLE_MSG_MAX + sizeof(ELLIPSIS)];

/*
 * Encode at most max bytes of s into dst (4 * max + 4 bytes), then "..."
 * when there was more: the cut falls between input bytes, so never inside
 * an escape.
 */
static const char *
encode(char *dst, size_t dstlen, const char *s, size_t max, int flags)
{
	size_t	len = strnlen(s, max + 1);

	strvisx(dst, s, len > max ? max : len, flags);
	if (len > max)
		strlcat(dst, ELLIPSIS, dstlen);
	return (dst);
}

const char *
visible(const char *s)
{
	static unsigned	next;

	char		*dst = arg_ring[next++ % VISIBLE_RING];

	return (encode(dst, sizeof(arg_ring[0]), s, VISIBLE_ARG_MAX,
	    VIS_FLAGS | VIS_DQ));
}

const char *
visible_msg(const char *s)
{
	return (encode(msg_buf, sizeof(msg_buf), s, VISIBLE_MSG_MAX,
	    VIS_FLAGS));
}
