//! Table-driven tests of read-also teasers and the furniture inside an
//! article's text (invented pages).

use super::tests::head;
use super::*;

#[test]
fn a_read_also_teaser_inside_the_text_is_no_section() {
    let page = read_page(
        "عنوان الخبر هنا\n\nأعلن الوزير افتتاح الطريق.\n\nاقرأ أيضا: الحكومة ترفع أسعار الوقود\n\nفي المقابل، انتقد نواب كلفة المشروع.",
    );
    assert_eq!(page.related.len(), 0);
    assert_eq!(
        page.host.body,
        "أعلن الوزير افتتاح الطريق.\n\nفي المقابل، انتقد نواب كلفة المشروع."
    );
    // A fresh lede after the marker is a related article.
    let page = read_page(
        "عنوان الخبر هنا\n\nأعلن الوزير افتتاح الطريق.\n\nاقرأ أيضا: الحكومة ترفع أسعار الوقود\n\nرفعت الحكومة أسعار الوقود بنسبة عشرة في المئة.",
    );
    assert_eq!(page.related.len(), 1);
}

#[test]
fn headline_only_teasers_and_furniture_in_the_text() {
    let lede = "أعلن الوزير افتتاح الطريق.";
    // A teaser followed by a paragraph joined by و, or by nothing.
    for after in ["\n\nوتبدأ الأعمال الشهر المقبل.", ""] {
        let page = read_page(&format!(
            "عنوان الخبر هنا\n\n{lede}\n\nاقرأ أيضا: الحكومة ترفع أسعار الوقود{after}"
        ));
        assert_eq!(page.related.len(), 0, "{after}");
        assert_eq!(page.host.body, format!("{lede}{after}"));
    }
    // A caption printed twice apart, buttons with تغريد, the end tag.
    let caption = "جانب من حفل الافتتاح";
    let page = read_page(&format!(
        "عنوان الخبر هنا\n\nمشاركة | تغريد | طباعة\n\n{caption}\n\n{lede}\n\n{caption}\n\nوقال إن الطريق مجاني.\n\n(النهاية)\nع ح / س ر"
    ));
    assert_eq!(page.host.body, format!("{lede}\n\nوقال إن الطريق مجاني."));
    // A caption crediting its photo in parentheses; a photo source line.
    let page = read_page(&format!(
        "عنوان الخبر هنا\n\nالوزير في الميناء. (الصورة: وكالات)\n\nمصدر الصورة: Agence\n\n{lede}"
    ));
    assert_eq!(head(&page), ("عنوان الخبر هنا", "", "", lede));
    // A masthead line gives the date and goes.
    let page = read_page(&format!(
        "صحيفة الفجر - العدد 1203 - الخميس 4 أبريل 2019\n\nعنوان الخبر هنا\n\n{lede}"
    ));
    assert_eq!(page.host.published_on, "2019-04-04".parse().ok());
    assert_eq!(page.host.body, lede);
    // A wire credit with a full date gives the publication date.
    let page = read_page(&format!(
        "عنوان الخبر هنا\n\nطرابلس 4 أبريل 2019 (شينخوا) {lede}"
    ));
    assert_eq!(page.host.published_on, "2019-04-04".parse().ok());
    assert_eq!(page.host.body, lede);
}

#[test]
fn a_bare_read_also_marker_over_a_headline_and_the_host_text() {
    let lede = "أعلن الوزير افتتاح الطريق.";
    let page = read_page(&format!(
        "عنوان الخبر هنا\n\n{lede}\n\nاقرأ أيضا\n\nالحكومة ترفع أسعار الوقود\n\nوأوضح الوزير أن الطريق مجاني."
    ));
    assert_eq!(page.related.len(), 0);
    assert_eq!(
        page.host.body,
        format!("{lede}\n\nوأوضح الوزير أن الطريق مجاني.")
    );
    // A fresh lede under the headline is a related article.
    let page = read_page(&format!(
        "عنوان الخبر هنا\n\n{lede}\n\nاقرأ أيضا\n\nالحكومة ترفع أسعار الوقود\n\nرفعت الحكومة أسعار الوقود."
    ));
    assert_eq!(page.related.len(), 1);
    assert_eq!(page.related[0].layout.title, "الحكومة ترفع أسعار الوقود");
}
