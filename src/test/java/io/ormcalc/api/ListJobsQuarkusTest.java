package io.ormcalc.api;

import static io.ormcalc.support.CalculationRequests.aBiaRequest;
import static io.ormcalc.support.CalculationRequests.anSmaRequestWithBiOf35bn;
import static io.ormcalc.support.CalculationRequests.uniqueEntity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListJobsQuarkusTest {

  static final String JOBS = "/api/v1/calculation-jobs";

  private static String create(Object body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(201)
        .extract()
        .path("job_id");
  }

  @Test
  void pages_follow_the_cursor_newest_first_without_gaps_or_repeats() {
    String entity = uniqueEntity();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(aBiaRequest(entity)));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = given().queryParam("entity_id", entity).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get(JOBS).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("items.job_id", String.class));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(created);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void filters_narrow_the_listing_and_items_carry_no_result() {
    String entity = uniqueEntity();
    String bia = create(aBiaRequest(entity));
    String sma = create(anSmaRequestWithBiOf35bn(entity));

    given()
        .queryParam("entity_id", entity)
        .queryParam("model_name", "sma")
        .get(JOBS)
        .then()
        .statusCode(200)
        .body("items.job_id", equalTo(List.of(sma)))
        .body("items[0].result_available", equalTo(true))
        .body("items[0].result", equalTo(null));
    given()
        .queryParam("entity_id", entity)
        .queryParam("status", "completed")
        .queryParam("created_after", "2000-01-01T00:00:00Z")
        .get(JOBS)
        .then()
        .statusCode(200)
        .body("items.job_id", equalTo(List.of(sma, bia)));
    given()
        .queryParam("entity_id", entity)
        .queryParam("status", "failed")
        .get(JOBS)
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()))
        .body("next_cursor", equalTo(null));
  }

  @Test
  void bad_filters_limits_and_cursors_are_400_problems() {
    given()
        .queryParam("limit", 201)
        .get(JOBS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("limit"));
    given()
        .queryParam("limit", "ten")
        .get(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("limit"));
    given()
        .queryParam("status", "done")
        .get(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("status"));
    given()
        .queryParam("created_after", "yesterday")
        .get(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("created_after"));
    given()
        .queryParam("cursor", "not-a-cursor")
        .get(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("cursor"));
  }
}
