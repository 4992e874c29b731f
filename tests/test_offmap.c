/* offmap: run-length offset maps. */
#include <criterion/criterion.h>

#include "offmap.h"

Test(offmap, identity_runs_merge) {
  seg_offmap m = {0};
  seg_offmap_add(&m, 5, 100, 5, 1);
  seg_offmap_add(&m, 3, 105, 3, 1);
  cr_expect_eq(m.n, 1);
  cr_expect_eq(seg_offmap_start(&m, 6), 106);
  cr_expect_eq(seg_offmap_end(&m, 8), 108);
  seg_offmap_free(&m);
}

Test(offmap, replacement_covers_whole_source) {
  seg_offmap m = {0};
  seg_offmap_add(&m, 2, 0, 2, 1);   /* "ab" */
  seg_offmap_add(&m, 3, 2, 1, 0);   /* U+FFFD for one invalid byte */
  seg_offmap_add(&m, 1, 3, 2, 0);   /* NBSP (2 bytes) -> space */
  seg_offmap_add(&m, 2, 5, 2, 1);   /* "cd" */
  cr_expect_eq(seg_offmap_start(&m, 2), 2);
  cr_expect_eq(seg_offmap_start(&m, 4), 2); /* inside the replacement */
  cr_expect_eq(seg_offmap_end(&m, 5), 3);
  cr_expect_eq(seg_offmap_end(&m, 6), 5);
  cr_expect_eq(seg_offmap_end(&m, 8), 7);
  seg_offmap_free(&m);
}

Test(offmap, gaps_do_not_merge) {
  seg_offmap m = {0};
  seg_offmap_add(&m, 2, 0, 2, 1);
  seg_offmap_add(&m, 2, 5, 2, 1); /* bytes 2..4 were dropped */
  cr_expect_eq(m.n, 2);
  cr_expect_eq(seg_offmap_start(&m, 2), 5);
  cr_expect_eq(seg_offmap_end(&m, 2), 2);
  seg_offmap_free(&m);
}

Test(offmap, slices_shift_clean_offsets) {
  seg_offmap a = {0}, b = {0};
  seg_offmap_add(&a, 4, 10, 4, 1);
  seg_offmap_add(&a, 1, 14, 3, 0);
  seg_offmap_add(&b, 1, 0, 1, 1);
  seg_offmap_append_slice(&b, &a, 2, 5);
  cr_expect_eq(b.clean_len, 4);
  cr_expect_eq(seg_offmap_start(&b, 1), 12);
  cr_expect_eq(seg_offmap_end(&b, 4), 17);
  seg_offmap_free(&a);
  seg_offmap_free(&b);
}
