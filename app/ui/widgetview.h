// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "widgetdata.h"

#include <QWidget>

namespace Hallway {

// Shows one widget's data. Each kind draws it its own way; names are links that open the
// person's profile. Presented (the presenter view), the talks become bars that glide to each
// new tally; the type size and colours come from the window around them.
class WidgetView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Panel, Presentation };

    static WidgetView *create(const WidgetSpec &spec, Mode mode = Mode::Panel,
                              QWidget *parent = nullptr);

    virtual void showData(const Hallway::WidgetData &data) = 0;

Q_SIGNALS:
    void userActivated(qint64 userId);

protected:
    explicit WidgetView(QWidget *parent) : QWidget(parent) { }
};

} // namespace Hallway
