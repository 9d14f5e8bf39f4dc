/*
 * Large letters and digits for the back row: a 5-pixel-high font drawn
 * with block characters. A pixel is px columns wide and px half-rows
 * tall, so it stays about square on a terminal's 1:2 cells; odd sizes use
 * the half blocks, which need UTF-8 (ASCII gets even sizes, as '#').
 */
#ifndef IPCSCOPE_UI_BIGTEXT_H
#define IPCSCOPE_UI_BIGTEXT_H

#include <curses.h>
#include <stdbool.h>

#define BIGTEXT_PIXELS	5	/* the font's height in pixels */

/* Columns s takes at size px; -1 if a character has no glyph. */
int	bigtext_width(const char *s, int px);
/* Rows any text takes at size px. */
int	bigtext_rows(int px);
/* The largest size up to maxpx at which s fits in w columns and h rows,
 * that this terminal can draw (see above); 0 if none. */
int	bigtext_fit(const char *s, int w, int h, int maxpx);
/* Draw s at y, x at size px: only the ink, in attr; returns its width. */
int	bigtext_draw(WINDOW *, int y, int x, const char *s, int px,
	    attr_t attr);
/* A box of h rows and w columns filled with blanks in attr. */
void	bigtext_fill(WINDOW *, int y, int x, int h, int w, attr_t attr);

#endif
