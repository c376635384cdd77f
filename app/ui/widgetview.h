// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "widgetdata.h"

#include <QWidget>

namespace Hallway {

// Shows one widget's data. Each kind draws it its own way; names are links that open the
// person's profile.
class WidgetView : public QWidget {
    Q_OBJECT
public:
    static WidgetView *create(const WidgetSpec &spec, QWidget *parent = nullptr);

    virtual void showData(const Hallway::WidgetData &data) = 0;

Q_SIGNALS:
    void userActivated(qint64 userId);

protected:
    explicit WidgetView(QWidget *parent) : QWidget(parent) { }
};

} // namespace Hallway
