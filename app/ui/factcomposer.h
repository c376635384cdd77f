// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Hallway {

class HallwayClient;

// Where you type a fact: a live character count against the limit, Enter (or the button)
// posts, and a refused fact comes back into the field with the reason beside it.
class FactComposer : public QWidget {
    Q_OBJECT
public:
    explicit FactComposer(HallwayClient *client, QWidget *parent = nullptr);

    QString text() const;
    QString counterText() const;
    QString errorText() const;

public Q_SLOTS:
    void post();

private:
    void updateCount();

    HallwayClient *m_client;
    QLineEdit *m_edit;
    QLabel *m_counter;
    QLabel *m_error;
    QPushButton *m_post;
};

} // namespace Hallway
