// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace Hallway {

class PresenceModel;

// Picks a widget's kind and settings: to add one to a hub, or (kind fixed) to change one.
class WidgetDialog : public QDialog {
    Q_OBJECT
public:
    // With an existing spec the kind is fixed and the settings start from it.
    WidgetDialog(PresenceModel *people, const std::optional<WidgetSpec> &existing,
                 QWidget *parent = nullptr);

    WidgetSpec spec() const;
    void setKind(WidgetKind kind);
    void setLimit(int limit);
    void setUserId(qint64 userId);

private:
    void updateFields();

    QComboBox *m_kind;
    QLabel *m_limitLabel;
    QSpinBox *m_limit;
    QLabel *m_userLabel;
    QComboBox *m_user;
};

} // namespace Hallway
