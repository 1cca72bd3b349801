package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.demo.DemoShop;
import io.customertimeline.ingest.Ingest;
import io.customertimeline.users.Role;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, driven through what a person reads: labels, buttons,
 * link texts. Skipped, with the reason, when Chromium or its driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String HOSTILE = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"
            + "<svg onload=\"window.__xss=3\"></svg><a href=\"javascript:window.__xss=4\">click</a>"
            + "<style>body{display:none}</style><div style=\"position:fixed;inset:0;background:red\">x</div>";

    private final TestApp app = TestApp.get();
    private Path downloads;
    private Path profileDir;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String agent;
    private String viewer;

    @BeforeAll
    void startBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Browser tests skipped: Chromium is not installed (apt-get install -y chromium chromium-driver; .ci/run does this)");
        downloads = Files.createTempDirectory("timeline-downloads-");
        profileDir = Files.createTempDirectory("timeline-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1440,1000", "--lang=en-ZA", "--user-data-dir=" + profileDir);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        agent = People.create(app, Role.AGENT);
        viewer = People.create(app, Role.VIEWER);
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    // ---- helpers: everything by what a person sees ----

    private void signIn(String username) {
        driver.manage().deleteAllCookies();
        driver.get(app.uri("/signin").toString());
        field("Username").sendKeys(username);
        field("Password").sendKeys(People.PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[normalize-space()='Search customers']")));
    }

    /** The form control a label names. */
    private WebElement field(String label) {
        WebElement l = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    private WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** No request in flight and every swapped-in element processed (its hx-triggers bound). */
    private void settle() {
        wait.until(d -> Boolean.TRUE.equals(js("return typeof htmx !== 'undefined' && document.querySelectorAll("
                + "'.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added').length === 0")));
    }

    private List<String> timelineTitles() {
        return driver.findElements(By.cssSelector("#timeline-list .entry-title")).stream().map(WebElement::getText).toList();
    }

    private void openCustomer(String searchText, String name) {
        WebElement search = field("Search customers");
        search.clear();
        search.sendKeys(searchText);
        // the answer to the whole query, not to a keystroke before it: a later answer would replace the row clicked
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-list"), "for “" + searchText + "”"));
        By rowOf = By.xpath("//div[@id='customer-list']//a[.//span[@class='name' and normalize-space()='" + name + "']]");
        try {
            wait.until(d -> {
                try {
                    WebElement row = ExpectedConditions.elementToBeClickable(rowOf).apply(d);
                    if (row == null) {
                        return false;
                    }
                    row.click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return false; // the list was rendered again (a later keystroke's search answered): find the row anew
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no row for " + name + " after searching '" + searchText + "'; list shows: "
                    + driver.findElement(By.id("customer-list")).getAttribute("innerHTML"), e);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#profile-card h2"), name));
        settle();
    }

    /** A customer with one touchpoint of each source on distinct days, known by a local phone number. */
    private record Known(String name, String email, String localPhone) {
    }

    private Known customerWithEverySource() {
        String name = "Lindiwe " + unique("Browser").replace("-", "");
        String email = unique("browser") + "@example.co.za";
        String local = IdentityTest.localMobile();
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("customer_name", name).with("customer_phone", local)
                .with("order_date", "2024-03-01T10:00:00Z").json());
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("subject", "Where is my soundbar?")
                .with("body", "Full email body: the soundbar has not arrived yet.").with("created_at", "2024-02-01T10:00:00Z").json());
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("created_at", "2024-01-20T10:00:00Z").json());
        app.sync("sync_social_interaction", Events.social("facebook", unique("fb"), "Great shop").with("customer_email", email)
                .with("post_url", "https://facebook.com/posts/" + unique("p")).with("interaction_date", "2024-01-10T10:00:00Z").json());
        app.sync("sync_call_transcript", Events.call(unique("c"), local).with("started_at", "2024-01-05T10:00:00Z")
                .with("recording_url", "https://recordings.example.co.za/1.mp3")
                .with("turns", List.of(Map.of("speaker", "agent", "text", "Good morning, Audico."),
                        Map.of("speaker", "customer", "text", "Hi, where is my order?"))).json());
        return new Known(name, email, local);
    }

    // ---- tests ----

    @Test
    void agentSignsInFindsACustomerByLocalPhoneAndFiltersTheTimeline() {
        Known c = customerWithEverySource();
        signIn(agent);
        String spaced = c.localPhone().substring(0, 3) + " " + c.localPhone().substring(3, 6) + " " + c.localPhone().substring(6);
        openCustomer(spaced, c.name());
        assertThat(timelineTitles()).hasSize(5);
        assertThat(driver.findElement(By.cssSelector("#timeline-list .entry .source-tag")).getText()).isEqualTo("Order");

        String before = driver.getCurrentUrl();
        for (String off : List.of("Calls", "Chat", "Social", "Orders")) {
            field(off).click();
            settle();
        }
        wait.until(d -> timelineTitles().size() == 1);
        assertThat(timelineTitles()).containsExactly("Where is my soundbar?");
        assertThat(driver.getCurrentUrl()).isNotEqualTo(before).contains("sources=email");

        field("Orders").click();
        settle();
        js("var f = arguments[0]; f.value = '2024-02-15'; f.dispatchEvent(new Event('change', {bubbles: true}));", field("From"));
        settle();
        wait.until(d -> timelineTitles().size() == 1);
        assertThat(driver.findElement(By.cssSelector("#timeline-list .source-tag")).getText()).isEqualTo("Order");
        js("var f = arguments[0]; f.value = '2024-02-20'; f.dispatchEvent(new Event('change', {bubbles: true}));", field("To"));
        settle();
        wait.until(d -> timelineTitles().isEmpty());
        assertThat(driver.getCurrentUrl()).contains("from=2024-02-15").contains("to=2024-02-20");

        // the URL is the view: opening it again shows the same filters
        driver.get(driver.getCurrentUrl().replace("to=2024-02-20", "to=2024-03-31"));
        assertThat(field("Orders").isSelected()).isTrue();
        assertThat(field("Calls").isSelected()).isFalse();
        assertThat(timelineTitles()).hasSize(1);
    }

    @Test
    void expandingAnEntryShowsItsDetails() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.email(), c.name());
        WebElement order = driver.findElement(By.cssSelector("#timeline-list .entry.src-order"));
        order.findElement(By.xpath(".//summary[normalize-space()='Details']")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(order, "Cape Town"));
        assertThat(order.getText()).contains("JBL Flip 6", "Courier Guy");

        WebElement call = driver.findElement(By.cssSelector("#timeline-list .entry.src-call"));
        call.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(call, "where is my order?"));
        assertThat(call.findElement(By.linkText("Listen to the recording")).getAttribute("rel")).contains("noopener");

        WebElement email = driver.findElement(By.cssSelector("#timeline-list .entry.src-email"));
        email.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(email, "Full email body"));
    }

    @Test
    void anEntryBeingReadStaysOpenWhenItChangesLive() {
        String name = "Sipho " + unique("Open").replace("-", "");
        String email = unique("open") + "@example.co.za";
        long number = uniqueNumber();
        app.sync("sync_opencart_order", Events.order(number, email).with("customer_name", name).with("order_status", "Processing").json());
        signIn(agent);
        openCustomer(email, name);
        wait.until(d -> Boolean.TRUE.equals(js("return document.getElementById('live-dot').classList.contains('on')")));
        WebElement order = driver.findElement(By.cssSelector("#timeline-list .entry.src-order"));
        String entry = order.getAttribute("id");
        order.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(order, "Cape Town"));

        app.sync("sync_opencart_order", Events.order(number, email).with("customer_name", name).with("order_status", "Shipped")
                .with("shipping_address", Map.of("city", "Durban", "postcode", "4001")).json());
        wait.until(d -> {
            try {
                String text = d.findElement(By.id(entry)).getText();
                return text.contains("Shipped") && text.contains("Durban"); // closed details would hide the new address
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return false;
            }
        });
        assertThat(driver.findElement(By.id(entry)).findElement(By.tagName("details")).getAttribute("open")).isNotNull();
        assertThat(driver.findElements(By.cssSelector("#timeline-list .entry"))).hasSize(1);
    }

    @Test
    void aNewInteractionAppearsWithoutReload() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.email(), c.name());
        wait.until(d -> Boolean.TRUE.equals(js("return document.getElementById('live-dot').classList.contains('on')")));
        js("window.__sameDocument = true;");
        app.sync("sync_email_thread", Events.email(unique("m"), c.email()).with("subject", "Live: is my refund through?")
                .with("created_at", Instant.now().toString()).json());
        try {
            wait.until(d -> timelineTitles().contains("Live: is my refund through?"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("events seen: " + js("return document.getElementById('live-dot').getAttribute('data-events')")
                    + "; console: " + driver.manage().logs().get("browser").getAll(), e);
        }
        assertThat(timelineTitles().get(0)).isEqualTo("Live: is my refund through?");
        assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#profile-card .stats"), "6"));
    }

    @Test
    void exportsDownload() throws Exception {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.email(), c.name());
        button("Export CSV").click();
        Path csv = wait.until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        wait.until(d -> {
            try {
                return Files.readString(csv).lines().count() == 6;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertThat(Files.readString(csv)).contains("occurred_at,source").contains("Where is my soundbar?");
    }

    @Test
    void aViewerIsRefusedAnAgentAction() {
        Known c = customerWithEverySource();
        signIn(viewer);
        openCustomer(c.email(), c.name());
        assertThat(driver.findElements(By.xpath("//label[normalize-space()='Status']"))).isEmpty();
        assertThat(driver.findElement(By.id("profile-card")).getText()).contains("Agents can change the status");
        String customerId = driver.findElement(By.id("main")).getAttribute("data-customer");
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var token = document.querySelector('meta[name=_csrf]').content;
                fetch('/timeline/customers/' + arguments[0] + '/status', {method: 'POST',
                    headers: {'X-CSRF-TOKEN': token, 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'status=Blocked'})
                  .then(function (r) { done(r.status); });
                """, customerId);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + c.email()).json().path("customer_status").asString())
                .isNotEqualTo("Blocked");
    }

    @Test
    void anAgentChangesTheStatus() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.email(), c.name());
        new org.openqa.selenium.support.ui.Select(field("Status")).selectByVisibleText("VIP");
        button("Save status").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#profile-card .badge"), "VIP"));
    }

    @Test
    void aTaskCompletedByMistakeComesBackWithEnter() {
        Known c = customerWithEverySource();
        String subject = unique("Wrong click ");
        app.sync("sync_email_thread", Events.email(unique("m"), c.email()).with("category", "support").with("subject", subject)
                .with("created_at", Instant.now().minusSeconds(60).toString()).json());
        signIn(agent);
        openCustomer(c.email(), c.name());
        WebElement tasks = driver.findElement(By.id("open-tasks"));
        assertThat(tasks.getText()).contains(subject);
        tasks.findElement(By.xpath(".//li[contains(., '" + subject + "')]//button[normalize-space()='Complete']")).click();
        wait.until(d -> String.valueOf(js("return document.getElementById('open-tasks').innerText")).contains("Completed: "));
        settle();
        assertThat(driver.findElement(By.id("open-tasks")).findElements(By.xpath(".//li[contains(., '" + subject + "')]"))).isEmpty();
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).as("the undo has the focus the Complete button had").isEqualTo("Undo");
        focused.sendKeys(Keys.ENTER);
        wait.until(d -> !String.valueOf(js("return document.getElementById('open-tasks').innerText")).contains("Completed: "));
        settle();
        assertThat(driver.findElement(By.id("open-tasks")).findElements(By.xpath(".//li[contains(., '" + subject + "')]"))).hasSize(1);

        WebElement sentiment = driver.findElement(By.xpath("//dt[starts-with(normalize-space(), 'Sentiment')]/.."));
        assertThat(sentiment.getAttribute("title")).as("what the score means").contains("−1 (very unhappy) to +1 (very happy)");
    }

    @Test
    void hostileContentRendersAsTextAndRunsNothing() {
        String email = unique("hostile") + "@example.co.za";
        String handle = unique("h");
        String name = "Mallory " + unique("X").replace("-", "");
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_name", name)
                .with("company_name", HOSTILE).with("quote_items", List.of(Map.of("name", HOSTILE, "quantity", 1)))
                .with("created_at", "2024-01-01T10:00:00Z").json());
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("from_name", HOSTILE).with("subject", HOSTILE)
                .with("body", HOSTILE).with("category", HOSTILE).with("created_at", "2024-01-02T10:00:00Z").json());
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("subject", "HTML mail")
                .with("body", "<p>Hello <b>there</b></p>" + HOSTILE + "<a href=\"https://shop.example.co.za/ok\">ok link</a>")
                .with("created_at", "2024-01-03T10:00:00Z").json());
        app.sync("sync_social_interaction", Events.social("instagram", handle, HOSTILE).with("customer_email", email)
                .with("post_url", "javascript:window.__xss=5").with("interaction_type", HOSTILE)
                .with("interaction_date", "2024-01-04T10:00:00Z").json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("payment_method", HOSTILE)
                .with("items", List.of(Map.of("name", HOSTILE, "quantity", 1, "price", 10)))
                .with("shipping_address", Map.of("city", HOSTILE)).with("order_date", "2024-01-05T10:00:00Z").json());
        app.sync("sync_call_transcript", Events.call(unique("c"), IdentityTest.localMobile()).with("customer_email", email)
                .with("summary", HOSTILE).with("recording_url", "javascript:window.__xss=6")
                .with("turns", List.of(Map.of("speaker", HOSTILE, "text", HOSTILE))).with("started_at", "2024-01-06T10:00:00Z").json());

        signIn(agent);
        js("window.alert = function () { window.__xss = 'alert'; };");
        openCustomer(email, name);
        for (WebElement summary : driver.findElements(By.cssSelector("#timeline-list summary"))) {
            summary.click();
        }
        // only open ones: an entry rendered again meanwhile (closed) keeps its "Loading…" until it is opened
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(() -> "details still loading: " + driver.findElements(By.xpath(
                        "//details[@open]//div[@class='detail-body'][normalize-space()='Loading…']/ancestor::article[1]//h3"))
                        .stream().map(WebElement::getText).toList())
                .until(d -> driver.findElements(By.xpath("//details[@open]//div[@class='detail-body'][normalize-space()='Loading…']")).isEmpty());
        settle();
        assertThat(driver.findElements(By.xpath("//details[@open]//div[@class='detail-body']"))).as("details were opened").isNotEmpty();

        assertThat(js("return window.__xss === undefined")).as("no payload ran").isEqualTo(true);
        assertThat(js("return getComputedStyle(document.body).display")).isNotEqualTo("none");
        // uPlot's chart elements carry style set from our script; nothing else in the page may
        assertThat(js("return Array.prototype.map.call(document.querySelectorAll('img[src=\"x\"], [onerror], [onload], "
                + "a[href^=\"javascript:\"], body style, body script:not([src]), #main [style]:not(.chart-box, .chart-box *)'), "
                + "function (e) { return e.outerHTML.substring(0, 80); })")).asList().isEmpty();
        String text = driver.findElement(By.id("main")).getText();
        assertThat(text).contains("<script>window.__xss=1</script>").contains("onerror=");
        WebElement ok = driver.findElement(By.linkText("ok link"));
        assertThat(ok.getAttribute("rel")).contains("noopener").contains("noreferrer");
        assertThat(driver.findElements(By.linkText("Open the post"))).isEmpty();
        assertThat(driver.findElements(By.linkText("Listen to the recording"))).isEmpty();
    }

    @Test
    void keyboardSlashFocusesSearchAndArrowsMoveThroughCustomers() {
        customerWithEverySource();
        signIn(agent);
        driver.findElement(By.tagName("body")).sendKeys("/");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(driver.switchTo().activeElement().getAttribute("class")).isNullOrEmpty();
        assertThat(driver.switchTo().activeElement().findElement(By.xpath("..")).getAttribute("class")).contains("customer-row");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        String second = driver.switchTo().activeElement().getText();
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-card")));
        assertThat(second).contains(driver.findElement(By.cssSelector("#profile-card h2")).getText());
    }

    @Test
    void enterInTheSearchKeepsTheSearchAndItsResults() {
        Known c = customerWithEverySource();
        signIn(agent);
        WebElement search = field("Search customers");
        search.sendKeys(c.name());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-list"), "found for"));
        search.sendKeys(Keys.ENTER);
        settle();
        assertThat(field("Search customers").getAttribute("value")).isEqualTo(c.name());
        assertThat(driver.findElement(By.id("customer-list")).getText()).contains("found for").contains(c.name())
                .doesNotContain("Recently in touch");
        // two people of one name are told apart by what is beside it
        assertThat(driver.findElement(By.cssSelector("#customer-list .line-who")).getText()).contains(c.email());
    }

    @Test
    void theLastTickedSourceStaysTickedAndSaysWhy() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.localPhone(), c.name());
        for (String label : List.of("Calls", "Emails", "Chat", "Social")) {
            driver.findElement(By.xpath("//form[@id='filters']//label[normalize-space()='" + label + "']")).click();
            settle();
        }
        assertThat(timelineTitles()).hasSize(1);
        driver.findElement(By.xpath("//form[@id='filters']//label[normalize-space()='Orders']")).click();
        settle();
        assertThat(driver.findElement(By.id("f-order")).isSelected()).isTrue();
        assertThat(timelineTitles()).hasSize(1); // still only the order, not everything again
        assertThat(driver.findElement(By.id("request-problem")).getText()).contains("at least one source");
    }

    @Test
    void theTabIsTitledWithTheOpenCustomer() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.localPhone(), c.name()); // opened through htmx, without a page load
        wait.until(d -> d.getTitle().startsWith(c.name()));
        driver.navigate().refresh();
        assertThat(driver.getTitle()).isEqualTo(c.name() + " · Timeline · Customer Timeline");
    }

    @Test
    void aRequestThatFailsSaysSoAndTheNextThatWorksClearsIt() {
        Known c = customerWithEverySource();
        signIn(agent);
        openCustomer(c.localPhone(), c.name());
        WebElement problem = driver.findElement(By.id("request-problem"));
        assertThat(problem.isDisplayed()).isFalse();
        js("htmx.ajax('GET', '/timeline/customers/' + arguments[0] + '/profile', {target: '#profile-card', swap: 'outerHTML'})",
                UUID.randomUUID().toString());
        wait.until(ExpectedConditions.visibilityOf(problem));
        assertThat(problem.getText()).contains("no longer there");
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElement(By.cssSelector("#profile-card h2")).getText()).isEqualTo(c.name()); // nothing swapped away

        js("htmx.ajax('GET', '/timeline/customers?list=top', {target: '#customer-list', swap: 'outerHTML'})");
        wait.until(ExpectedConditions.invisibilityOf(problem));
    }

    @Test
    void screenshotOfTheDashboardWithADemoShop() throws Exception {
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.DAYS), java.time.ZoneOffset.UTC);
        Ingest ingest = app.bean(Ingest.class);
        for (DemoShop.Event e : DemoShop.generate(clock, 30, 4711)) {
            ingest.accept(e.type(), e.data());
        }
        String lerato = "lerato." + unique("agent").replace("-", "");
        app.bean(io.customertimeline.users.Users.class).create(lerato, People.PASSWORD, Role.AGENT);
        signIn(lerato);
        button("Top LTV").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-list"), "Top customers by lifetime value"));
        settle();
        WebElement first = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#customer-list .customer-row a")));
        long started = System.nanoTime();
        first.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-card")));
        settle();
        System.out.printf("Dashboard: opening the top customer took %d ms in the browser%n", (System.nanoTime() - started) / 1_000_000);
        wait.until(d -> !driver.findElements(By.cssSelector(".chart-box canvas")).isEmpty());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Path docs = Path.of("docs", "dashboard.png");
        if (!Files.exists(docs) || Boolean.getBoolean("dashboard.screenshot")) {
            Files.createDirectories(docs.getParent());
            Files.copy(shot.toPath(), docs, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }
}
