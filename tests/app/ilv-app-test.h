/* ilv-app-test.h: what the window tests share: running the application
 * around a test body, finding widgets, waiting for a run
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-window.h"

G_BEGIN_DECLS

/* How long a whole window test may take before it fails. */
#define ILV_APP_TEST_TIMEOUT_SECONDS 60

typedef void     (*IlvAppTestBody)  (IlvWindow    *window);
typedef gboolean (*IlvAppTestMatch) (GtkWidget    *widget,
                                     gconstpointer data);

gboolean   ilv_app_test_has_display          (void);
gboolean   ilv_app_test_skip_without_display (void);

guint      ilv_app_test_add_timeout (guint           seconds);
void       ilv_app_test_run         (IlvAppTestBody  body);

GtkWidget *ilv_app_test_find_widget (GtkWidget      *root,
                                     IlvAppTestMatch match,
                                     gconstpointer   data);
GtkWidget *ilv_app_test_find_type   (GtkWidget      *root,
                                     GType           type);
gboolean   ilv_app_test_is_action   (GtkWidget      *widget,
                                     gconstpointer   action_name);

gboolean   ilv_app_test_is_finished (IlvWindow      *window);

G_END_DECLS
