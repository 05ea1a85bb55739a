-- wrk: each request a title search for a different ticket number, "finding N" with N from 100000 to
-- 999999 (in the generated marketplace, one ticket's title each), so no answer is reused.
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/tickets?q=finding%20" .. math.random(100000, 999999))
end
